import { deleteReviewOrThrow } from "../app/reviews.js";
import { getDatabase } from "../db/database-instance.js";
import { deleteReviewV2 } from "../generated/operations/deleteReviewV2.gen.js";

export const handler = deleteReviewV2(async ({ path, caller }) => {
  await deleteReviewOrThrow(await getDatabase(), caller, path.wineryId, path.reviewId);
  return { status: 204, body: undefined };
});
