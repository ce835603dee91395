import { type SqlBool, sql } from "kysely";
import type { Db } from "./database.js";
import { assertPageLimit } from "./page-limit.js";
import { type Review, toReview } from "./review.model.js";
import { isUuid } from "./uuid.js";

export interface NewReview {
  wineryId: string;
  userId: string;
  rating: number;
  text: string;
}

export type CreateReviewResult =
  | { ok: true; review: Review }
  | { ok: false; reason: "no-winery" | "duplicate" };

export interface ReviewsPage {
  limit: number;
  /** Keyset cursor: the last row of the previous page. */
  after?: { createdAt: Date; id: string };
}

/**
 * Inserts the review. The winery's rating roll-up is not touched here: the caller publishes a
 * rating event, and the roll-up consumer recomputes it (see rating-rollup.worker.ts).
 * Duplicates are decided by the (winery_id, user_id) unique constraint through ON CONFLICT DO
 * NOTHING: race-free like catching 23505, but without raising, because a raised error would abort
 * an enclosing transaction (runIdempotent's, or the one that enqueues the rating event) that still
 * has work to do.
 */
export async function createReview(db: Db, review: NewReview): Promise<CreateReviewResult> {
  if (!(Number.isInteger(review.rating) && review.rating >= 1 && review.rating <= 5)) {
    throw new RangeError(`rating must be an integer from 1 to 5, got ${review.rating}`);
  }
  if (!isUuid(review.wineryId)) return { ok: false, reason: "no-winery" };

  const row = await db
    .insertInto("reviews")
    .columns(["winery_id", "user_id", "rating", "text"])
    .expression((eb) =>
      eb
        .selectFrom("wineries")
        .select([
          "id",
          sql<string>`${review.userId}::text`.as("user_id"),
          sql<number>`${review.rating}::smallint`.as("rating"),
          sql<string>`${review.text}::text`.as("text"),
        ])
        .where("id", "=", review.wineryId),
    )
    .onConflict((oc) => oc.columns(["winery_id", "user_id"]).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (row) return { ok: true, review: toReview(row) };
  const winery = await db
    .selectFrom("wineries")
    .select("id")
    .where("id", "=", review.wineryId)
    .executeTakeFirst();
  return { ok: false, reason: winery ? "duplicate" : "no-winery" };
}

/** Newest first; (created_at, id) is the total order behind the keyset cursor. */
export async function listReviews(db: Db, wineryId: string, page: ReviewsPage): Promise<Review[]> {
  const { limit, after } = page;
  assertPageLimit(limit);
  if (after && !(after.createdAt instanceof Date && !Number.isNaN(after.createdAt.getTime()))) {
    throw new RangeError("after.createdAt must be a valid Date");
  }
  if (after && !isUuid(after.id)) throw new RangeError("after.id must be a uuid");
  if (!isUuid(wineryId)) return [];

  const rows = await db
    .selectFrom("reviews")
    .selectAll()
    .where("winery_id", "=", wineryId)
    .$if(after !== undefined, (qb) =>
      qb.where(sql<SqlBool>`(created_at, id) < (${after?.createdAt}::timestamptz, ${after?.id}::uuid)`),
    )
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map(toReview);
}

export async function findReview(db: Db, wineryId: string, reviewId: string): Promise<Review | undefined> {
  if (!isUuid(wineryId) || !isUuid(reviewId)) return undefined;
  const row = await db
    .selectFrom("reviews")
    .selectAll()
    .where("id", "=", reviewId)
    .where("winery_id", "=", wineryId)
    .executeTakeFirst();
  return row && toReview(row);
}

/** Removes the review; as for createReview, the caller publishes the rating event. */
export async function deleteReview(db: Db, wineryId: string, reviewId: string): Promise<boolean> {
  if (!isUuid(wineryId) || !isUuid(reviewId)) return false;
  const deleted = await db
    .deleteFrom("reviews")
    .where("id", "=", reviewId)
    .where("winery_id", "=", wineryId)
    .executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}

export async function countReviewsByUser(db: Db, userId: string): Promise<number> {
  const { count } = await db
    .selectFrom("reviews")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();
  return Number(count);
}
