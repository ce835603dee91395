import type fc from "fast-check";
import type { TokenRole } from "../setup/tokens.js";
import type { FuzzResponse } from "./fuzz-client.js";

/**
 * What the API should hold for the wineries of one model run: each caller's favorites, each
 * winery's reviews by author, and the reviews deleted so far (to try them again).
 */
export interface Model {
  favorites: Record<TokenRole, Set<number>>;
  reviews: Array<Map<TokenRole, { id: string; rating: number }>>;
  deleted: Array<{ winery: number; id: string }>;
}

export interface Real {
  wineryIds: string[];
  /** Each caller's /v2/me counts before the run, which earlier runs' data is part of. */
  baseline: Record<TokenRole, { favoritesCount: number; reviewsCount: number }>;
  /** Sends and grades against the spec (as a valid request); throws on any contract failure. */
  call(
    operationId: string,
    method: string,
    path: string,
    role: TokenRole,
    options?: CallOptions,
  ): Promise<FuzzResponse>;
}

export interface CallOptions {
  body?: unknown;
  query?: Array<[string, string]>;
}

export type Command = fc.AsyncCommand<Model, Real, boolean>;

function expectStatus(response: FuzzResponse, expected: number, what: string): void {
  if (response.status !== expected) {
    throw new Error(
      `${what}: expected ${expected}, got ${response.status} ${response.bodyText.slice(0, 200)}`,
    );
  }
}

function expectSame(actual: unknown, expected: unknown, what: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

const sorted = (values: Iterable<string>) => [...values].sort();

export class PutFavorite implements Command {
  constructor(
    readonly role: TokenRole,
    readonly winery: number,
    readonly version: 1 | 2,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const path = `/v${this.version}/me/favorites/${real.wineryIds[this.winery]}`;
    expectStatus(
      await real.call(`putFavoriteV${this.version}`, "PUT", path, this.role),
      204,
      this.toString(),
    );
    model.favorites[this.role].add(this.winery);
  }
  toString = () => `${this.role} favorites winery ${this.winery} (v${this.version})`;
}

export class DeleteFavorite implements Command {
  constructor(
    readonly role: TokenRole,
    readonly winery: number,
    readonly version: 1 | 2,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const path = `/v${this.version}/me/favorites/${real.wineryIds[this.winery]}`;
    expectStatus(
      await real.call(`deleteFavoriteV${this.version}`, "DELETE", path, this.role),
      204,
      this.toString(),
    );
    model.favorites[this.role].delete(this.winery);
  }
  toString = () => `${this.role} unfavorites winery ${this.winery} (v${this.version})`;
}

/** A caller sees exactly their own favorites among this run's wineries: never another caller's. */
export class CheckFavorites implements Command {
  constructor(
    readonly role: TokenRole,
    readonly version: 1 | 2,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const ours = new Set(real.wineryIds);
    const listed: string[] = [];
    if (this.version === 1) {
      const response = await real.call("listFavoritesV1", "GET", "/v1/me/favorites", this.role);
      expectStatus(response, 200, this.toString());
      listed.push(...(response.json as Array<{ id: string }>).map((w) => w.id));
    } else {
      let cursor: string | null = null;
      do {
        const query: Array<[string, string]> = [
          ["limit", "2"],
          ...(cursor ? [["cursor", cursor] as [string, string]] : []),
        ];
        const response = await real.call("listFavoritesV2", "GET", "/v2/me/favorites", this.role, { query });
        expectStatus(response, 200, this.toString());
        const page = response.json as { items: Array<{ winery: { id: string } }>; nextCursor: string | null };
        listed.push(...page.items.map((item) => item.winery.id));
        cursor = page.nextCursor;
      } while (cursor);
    }
    const mine = listed.filter((id) => ours.has(id));
    if (new Set(mine).size !== mine.length) throw new Error(`${this}: a favorite is listed twice`);
    const expected = [...model.favorites[this.role]].map((w) => real.wineryIds[w]!);
    expectSame(sorted(mine), sorted(expected), this.toString());
  }
  toString = () => `${this.role} lists favorites (v${this.version})`;
}

export class CreateReview implements Command {
  constructor(
    readonly role: TokenRole,
    readonly winery: number,
    readonly rating: number,
    readonly version: 1 | 2,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const path = `/v${this.version}/wineries/${real.wineryIds[this.winery]}/reviews`;
    const response = await real.call(`createReviewV${this.version}`, "POST", path, this.role, {
      body: { rating: this.rating },
    });
    const existing = model.reviews[this.winery]!.get(this.role);
    expectStatus(response, existing ? 409 : 201, this.toString());
    if (!existing)
      model.reviews[this.winery]!.set(this.role, {
        id: String((response.json as { id: string }).id),
        rating: this.rating,
      });
  }
  toString = () => `${this.role} reviews winery ${this.winery} with ${this.rating} (v${this.version})`;
}

/** Only the author or an admin may delete a review; anyone else gets 403 and changes nothing. */
export class DeleteReview implements Command {
  constructor(
    readonly actor: TokenRole,
    readonly author: TokenRole,
    readonly winery: number,
  ) {}
  check = (model: Readonly<Model>) => model.reviews[this.winery]!.has(this.author);
  async run(model: Model, real: Real) {
    const review = model.reviews[this.winery]!.get(this.author)!;
    const path = `/v2/wineries/${real.wineryIds[this.winery]}/reviews/${review.id}`;
    const allowed = this.actor === this.author || this.actor === "admin";
    expectStatus(
      await real.call("deleteReviewV2", "DELETE", path, this.actor),
      allowed ? 204 : 403,
      this.toString(),
    );
    if (allowed) {
      model.reviews[this.winery]!.delete(this.author);
      model.deleted.push({ winery: this.winery, id: review.id });
    }
  }
  toString = () => `${this.actor} deletes ${this.author}'s review of winery ${this.winery}`;
}

/** Use after delete: a deleted review is gone for everyone, its author and admins included. */
export class DeleteDeletedReview implements Command {
  constructor(
    readonly actor: TokenRole,
    readonly pick: number,
  ) {}
  check = (model: Readonly<Model>) => model.deleted.length > 0;
  async run(model: Model, real: Real) {
    const gone = model.deleted[this.pick % model.deleted.length]!;
    const path = `/v2/wineries/${real.wineryIds[gone.winery]}/reviews/${gone.id}`;
    expectStatus(await real.call("deleteReviewV2", "DELETE", path, this.actor), 404, this.toString());
  }
  toString = () => `${this.actor} deletes deleted review #${this.pick}`;
}

/** The rating summary is exactly the model's reviews: no lost or double-counted update. */
export class CheckWinery implements Command {
  constructor(
    readonly winery: number,
    readonly version: 1 | 2,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const id = real.wineryIds[this.winery];
    const response = await real.call(
      `getWineryV${this.version}`,
      "GET",
      `/v${this.version}/wineries/${id}`,
      "user",
    );
    expectStatus(response, 200, this.toString());
    const ratings = [...model.reviews[this.winery]!.values()].map((review) => review.rating);
    const count = ratings.length;
    const average = count === 0 ? 0 : Math.round((ratings.reduce((a, b) => a + b, 0) / count) * 100) / 100;
    const body = response.json as {
      averageRating?: number;
      reviewCount?: number;
      rating?: { average: number; count: number };
    };
    const actual =
      this.version === 1 ? { average: body.averageRating, count: body.reviewCount } : body.rating;
    expectSame(actual, { average, count }, this.toString());
  }
  toString = () => `get winery ${this.winery} (v${this.version})`;
}

export class CheckReviews implements Command {
  constructor(readonly winery: number) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const path = `/v1/wineries/${real.wineryIds[this.winery]}/reviews`;
    const response = await real.call("listReviewsV1", "GET", path, "user", { query: [["limit", "100"]] });
    expectStatus(response, 200, this.toString());
    const listed = (response.json as Array<{ id: string; userId: string }>).map((review) => review.id);
    const expected = [...model.reviews[this.winery]!.values()].map((review) => review.id);
    expectSame(sorted(listed), sorted(expected), this.toString());
  }
  toString = () => `list reviews of winery ${this.winery}`;
}

/** /v2/me counts only the caller's own favorites and reviews. */
export class CheckMe implements Command {
  constructor(readonly role: TokenRole) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const response = await real.call("getMeV2", "GET", "/v2/me", this.role);
    expectStatus(response, 200, this.toString());
    const { favoritesCount, reviewsCount } = response.json as {
      favoritesCount: number;
      reviewsCount: number;
    };
    const base = real.baseline[this.role];
    const reviews = model.reviews.filter((byAuthor) => byAuthor.has(this.role)).length;
    expectSame(
      { favoritesCount, reviewsCount },
      {
        favoritesCount: base.favoritesCount + model.favorites[this.role].size,
        reviewsCount: base.reviewsCount + reviews,
      },
      this.toString(),
    );
  }
  toString = () => `${this.role} reads /v2/me`;
}
