import { getDatabase } from "../app/database-instance.js";
import { requireCaller } from "../app/require-caller.js";
import { deleteReview, findReview } from "../db/review.repository.js";
import { deleteReviewV2 } from "../generated/operations/deleteReviewV2.gen.js";
import { isInGroup } from "../runtime/caller.js";
import { forbidden, notFound } from "../runtime/problem.js";

/** Only the author or an admin may delete a review. */
export const handler = deleteReviewV2(async ({ path, caller }) => {
  const me = requireCaller(caller);
  const db = await getDatabase();
  const review = await findReview(db, path.wineryId, path.reviewId);
  if (!review) throw notFound(`Review ${path.reviewId} of winery ${path.wineryId} does not exist.`);
  if (review.userId !== me.sub && !isInGroup(me, "admin"))
    throw forbidden("Only the author or an admin may delete this review.");
  await deleteReview(db, path.wineryId, path.reviewId);
  return { status: 204, body: undefined };
});
