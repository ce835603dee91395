import { toReviewV2 } from "../app/presenters.js";
import { createReviewOrThrow } from "../app/reviews.js";
import { getDatabase } from "../db/database-instance.js";
import { createReviewV2 } from "../generated/operations/createReviewV2.gen.js";

export const handler = createReviewV2(async ({ path, body, caller }) => {
  const review = await createReviewOrThrow(await getDatabase(), caller, path.wineryId, body);
  return {
    status: 201,
    body: toReviewV2(review),
    headers: { Location: `/v2/wineries/${review.wineryId}/reviews/${review.id}` },
  };
});
