import { toReviewV1 } from "../app/presenters.js";
import { assertWineryExists } from "../app/reviews.js";
import { getDatabase } from "../db/database-instance.js";
import { listReviews } from "../db/review.repository.js";
import { listReviewsV1 } from "../generated/operations/listReviewsV1.gen.js";

export const handler = listReviewsV1(async ({ path, query }) => {
  const db = await getDatabase();
  await assertWineryExists(db, path.wineryId);
  const reviews = await listReviews(db, path.wineryId, { limit: query.limit });
  return { status: 200, body: reviews.map(toReviewV1) };
});
