import { toReviewV1 } from "../app/presenters.js";
import { createReviewOrThrow } from "../app/reviews.js";
import { getDatabase } from "../db/database-instance.js";
import { createReviewV1 } from "../generated/operations/createReviewV1.gen.js";

export const handler = createReviewV1(async ({ path, body, caller }) => {
  const review = await createReviewOrThrow(await getDatabase(), caller, path.wineryId, body);
  return {
    status: 201,
    body: toReviewV1(review),
    headers: { Location: `/v1/wineries/${review.wineryId}/reviews/${review.id}` },
  };
});
