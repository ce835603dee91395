import { decodeCursor, isDateString, isUuidString } from "../app/cursor.js";
import { toPage } from "../app/page.js";
import { toReviewV2 } from "../app/presenters.js";
import { assertWineryExists } from "../app/reviews.js";
import { getDatabase } from "../db/database-instance.js";
import { listReviews } from "../db/review.repository.js";
import { listReviewsV2 } from "../generated/operations/listReviewsV2.gen.js";

export const handler = listReviewsV2(async ({ path, query }) => {
  const db = await getDatabase();
  await assertWineryExists(db, path.wineryId);
  const fingerprint = `reviews:${path.wineryId}`;
  const after = decodeCursor(
    query.cursor,
    fingerprint,
    (key): key is { createdAt: string; id: string } => isDateString(key.createdAt) && isUuidString(key.id),
  );
  const rows = await listReviews(db, path.wineryId, {
    limit: query.limit + 1,
    after: after && { createdAt: new Date(after.createdAt), id: after.id },
  });
  const body = toPage(
    rows,
    query.limit,
    toReviewV2,
    (row) => ({ createdAt: row.createdAt.toISOString(), id: row.id }),
    fingerprint,
  );
  return { status: 200, body };
});
