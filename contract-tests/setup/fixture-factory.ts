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

/** Wineries of the run lie within this distance of a point the run handed out (offsets are a few km). */
const SWEEP_RADIUS_METERS = 10_000;
/** Requests in flight at once during cleanup: quick on a deployed stage, gentle on the local one. */
const CLEANUP_CONCURRENCY = 8;
const MAX_SWEEP_PAGES = 50;

/**
 * Creates test data through the public API only (never the database), so the suite works against any
 * stage. Every name carries the run id, which makes leftovers on a shared stage traceable, and
 * `cleanup()` deletes the run's wineries (their reviews and favorites go with them) at the end.
 */
export class FixtureFactory {
  private count = 0;
  /** Wineries this factory created. */
  private readonly wineryIds = new Set<string>();
  /** Every point handed out through trackLocations(), where cleanup looks for the run's other wineries. */
  private readonly locations: GeoPoint[] = [];

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
    const winery = expectCreated<Winery>(exchange, "create a winery");
    this.wineryIds.add(winery.id);
    return winery;
  }

  /**
   * Remembers every point `next` hands out. Probes and Dredd also create wineries without this
   * factory (createWinery* requests, imports, whose GET reports counts but no winery ids); they are
   * named after the run and placed at (or a few km from) such points, so cleanup finds them there.
   */
  trackLocations(next: () => GeoPoint): () => GeoPoint {
    return () => {
      const point = next();
      this.locations.push(point);
      return point;
    };
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

  /**
   * Deletes every winery of the run with the admin token: the ones this factory created, and those
   * found by name around the tracked points. 404 counts as done (a probe may have deleted it). Rows
   * of an import still queued when the run ends are imported afterwards and stay behind.
   * Resolves to how many wineries it deleted; throws, naming them, when any could not be deleted.
   */
  async cleanup(): Promise<number> {
    const found = await inBatches(this.locations, (point) => this.runWineriesAround(point));
    const ids = [...new Set([...this.wineryIds, ...found.flat()])];
    const answers = await inBatches(ids, (id) =>
      this.api.send({ method: "DELETE", path: `/v2/wineries/${id}`, token: this.tokens.admin }),
    );
    const failed = answers.filter((exchange) => exchange.status !== 204 && exchange.status !== 404);
    if (failed.length > 0) {
      const shown = failed.slice(0, 3).map(describeExchange).join("; ");
      throw new Error(`${failed.length} of ${ids.length} wineries not deleted: ${shown}`);
    }
    return answers.filter((exchange) => exchange.status === 204).length;
  }

  /** Ids of the wineries named after this run within the sweep radius of `point`, every page. */
  private async runWineriesAround(point: GeoPoint): Promise<string[]> {
    const prefix = `Contract ${this.runId} `;
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_SWEEP_PAGES; page++) {
      const params = new URLSearchParams({
        near: `${point.lat},${point.lng}`,
        radius: String(SWEEP_RADIUS_METERS),
        limit: "100",
      });
      if (cursor !== null) params.set("cursor", cursor);
      const exchange = await this.api.send({ method: "GET", path: `/v2/wineries?${params}` });
      const body = exchange.json as {
        items?: Array<{ id: string; name: string }>;
        nextCursor?: string | null;
      };
      if (exchange.status !== 200 || !Array.isArray(body?.items)) {
        throw new Error(`Could not list the run's wineries: ${describeExchange(exchange)}`);
      }
      for (const item of body.items) if (item.name.startsWith(prefix)) ids.push(item.id);
      cursor = body.nextCursor ?? null;
      if (cursor === null) return ids;
    }
    throw new Error(`More than ${MAX_SWEEP_PAGES} pages of wineries around ${point.lat},${point.lng}`);
  }
}

/** Maps `items` through `work`, at most CLEANUP_CONCURRENCY at a time, keeping the order. */
async function inBatches<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += CLEANUP_CONCURRENCY) {
    results.push(...(await Promise.all(items.slice(start, start + CLEANUP_CONCURRENCY).map(work))));
  }
  return results;
}

function expectCreated<T>(exchange: Exchange, what: string): T {
  const body = exchange.json as (T & { id?: unknown }) | undefined;
  if (exchange.status !== 201 || typeof body?.id !== "string") {
    throw new FixtureError(`Could not ${what}: ${describeExchange(exchange)}`);
  }
  return body;
}
