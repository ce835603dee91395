import { type Caller, conflict, forbidden, isInGroup, notFound } from "@cellar/runtime";
import type { Db } from "../db/database.js";
import type { Review } from "../db/review.model.js";
import { createReview, deleteReview, findReview } from "../db/review.repository.js";
import { findWineryById } from "../db/winery.repository.js";
import { getJobQueue } from "../queue/get-job-queue.js";
import type { JobQueue } from "../queue/job-queue.js";
import { publishRatingEvent } from "./rating-event.js";

/**
 * One review per user per winery: the second is a 409, a missing winery a 404. The winery's rating
 * follows shortly after, when the roll-up consumes the event published here.
 */
export async function createReviewOrThrow(
  db: Db,
  caller: Caller,
  wineryId: string,
  input: { rating: number; text?: string },
  queue: JobQueue = getJobQueue(),
): Promise<Review> {
  const result = await createReview(db, {
    wineryId,
    userId: caller.sub,
    rating: input.rating,
    text: input.text ?? "",
  });
  if (result.ok) {
    await publishRatingEvent(queue, db, { type: "review.created", wineryId, reviewId: result.review.id });
    return result.review;
  }
  if (result.reason === "no-winery") throw notFound(`Winery ${wineryId} does not exist.`);
  throw conflict(`You have already reviewed winery ${wineryId}; delete that review to write a new one.`);
}

/** Only the author or an admin may delete a review; the rating follows as for a creation. */
export async function deleteReviewOrThrow(
  db: Db,
  caller: Caller,
  wineryId: string,
  reviewId: string,
  queue: JobQueue = getJobQueue(),
): Promise<void> {
  const review = await findReview(db, wineryId, reviewId);
  if (!review) throw notFound(`Review ${reviewId} of winery ${wineryId} does not exist.`);
  if (review.userId !== caller.sub && !isInGroup(caller, "admin"))
    throw forbidden("Only the author or an admin may delete this review.");
  // A concurrent delete may win; either way the review is gone, and one more event is harmless.
  await deleteReview(db, wineryId, reviewId);
  await publishRatingEvent(queue, db, { type: "review.deleted", wineryId, reviewId });
}

export async function assertWineryExists(db: Db, wineryId: string): Promise<void> {
  if (!(await findWineryById(db, wineryId))) throw notFound(`Winery ${wineryId} does not exist.`);
}
