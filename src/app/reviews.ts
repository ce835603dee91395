import type { Db } from "../db/database.js";
import type { Review } from "../db/review.model.js";
import { createReview } from "../db/review.repository.js";
import { findWineryById } from "../db/winery.repository.js";
import type { Caller } from "../runtime/caller.js";
import { conflict, notFound } from "../runtime/problem.js";
import { requireCaller } from "./require-caller.js";

/** One review per user per winery: the second is a 409, a missing winery a 404. */
export async function createReviewOrThrow(
  db: Db,
  caller: Caller | null,
  wineryId: string,
  input: { rating: number; text?: string },
): Promise<Review> {
  const result = await createReview(db, {
    wineryId,
    userId: requireCaller(caller).sub,
    rating: input.rating,
    text: input.text ?? "",
  });
  if (result.ok) return result.review;
  if (result.reason === "no-winery") throw notFound(`Winery ${wineryId} does not exist.`);
  throw conflict(`You have already reviewed winery ${wineryId}; delete that review to write a new one.`);
}

export async function assertWineryExists(db: Db, wineryId: string): Promise<void> {
  if (!(await findWineryById(db, wineryId))) throw notFound(`Winery ${wineryId} does not exist.`);
}
