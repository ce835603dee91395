import { type ApiClient, describeExchange, type Exchange } from "./http-client.js";
import type { GeoPoint } from "./run-id.js";
import type { Tokens } from "./tokens.js";

/** The fields of a v1 winery the suite relies on. */
export interface Winery {
  id: string;
  name: string;
  lat: number;
  lng: number;
  region: string;
  website?: string;
}

export interface Review {
  id: string;
  wineryId: string;
  userId: string;
  rating: number;
}

/** Raised when the API refuses to create test data: the run cannot go on meaningfully. */
export class FixtureError extends Error {}

/**
 * Creates test data through the public API only (never the database), so the suite works against any
 * stage. Every name carries the run id, which makes leftovers on a shared stage traceable.
 */
export class FixtureFactory {
  private count = 0;

  constructor(
    private readonly api: ApiClient,
    private readonly tokens: Tokens,
    readonly runId: string,
  ) {}

  async winery(at: GeoPoint, label = "winery"): Promise<Winery> {
    this.count += 1;
    const exchange = await this.api.send({
      method: "POST",
      path: "/v1/wineries",
      token: this.tokens.admin,
      json: {
        name: `Contract ${this.runId} ${label} ${this.count}`,
        lat: at.lat,
        lng: at.lng,
        region: "Contract Test Region",
        website: `https://contract-${this.runId}-${this.count}.example`,
      },
    });
    return expectCreated<Winery>(exchange, "create a winery");
  }

  async review(wineryId: string, token: string, rating = 4, text?: string): Promise<Review> {
    const exchange = await this.api.send({
      method: "POST",
      path: `/v1/wineries/${wineryId}/reviews`,
      token,
      json: text === undefined ? { rating } : { rating, text },
    });
    return expectCreated<Review>(exchange, "create a review");
  }

  /** A one-row bulk import (v2), accepted but not necessarily processed yet. */
  async importJob(at: GeoPoint, label = "import"): Promise<{ id: string }> {
    this.count += 1;
    const exchange = await this.api.send({
      method: "POST",
      path: "/v2/imports",
      token: this.tokens.admin,
      json: [
        {
          name: `Contract ${this.runId} ${label} ${this.count}`,
          location: at,
          region: "Contract Test Region",
        },
      ],
    });
    const body = exchange.json as { id?: unknown } | undefined;
    if (exchange.status !== 202 || typeof body?.id !== "string") {
      throw new FixtureError(`Could not start an import: ${describeExchange(exchange)}`);
    }
    return { id: body.id };
  }

  async favorite(wineryId: string, token: string): Promise<void> {
    const exchange = await this.api.send({ method: "PUT", path: `/v1/me/favorites/${wineryId}`, token });
    if (exchange.status !== 204) throw new FixtureError(`Could not favorite: ${describeExchange(exchange)}`);
  }
}

function expectCreated<T>(exchange: Exchange, what: string): T {
  const body = exchange.json as (T & { id?: unknown }) | undefined;
  if (exchange.status !== 201 || typeof body?.id !== "string") {
    throw new FixtureError(`Could not ${what}: ${describeExchange(exchange)}`);
  }
  return body;
}
