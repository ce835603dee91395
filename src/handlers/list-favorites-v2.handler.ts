import { decodeCursor, isDateString, isUuidString } from "../app/cursor.js";
import { toPage } from "../app/page.js";
import { toWineryV2 } from "../app/presenters.js";
import { getDatabase } from "../db/database-instance.js";
import { listFavorites } from "../db/favorite.repository.js";
import { listFavoritesV2 } from "../generated/operations/listFavoritesV2.gen.js";

export const handler = listFavoritesV2(async ({ query, caller: { sub } }) => {
  const fingerprint = `favorites:${sub}`;
  const after = decodeCursor(
    query.cursor,
    fingerprint,
    (key): key is { favoritedAt: string; wineryId: string } =>
      isDateString(key.favoritedAt) && isUuidString(key.wineryId),
  );
  const rows = await listFavorites(await getDatabase(), sub, {
    limit: query.limit + 1,
    after: after && { favoritedAt: new Date(after.favoritedAt), wineryId: after.wineryId },
  });
  const body = toPage(
    rows,
    query.limit,
    (row) => ({ winery: toWineryV2(row.winery), favoritedAt: row.favoritedAt.toISOString() }),
    (row) => ({ favoritedAt: row.favoritedAt.toISOString(), wineryId: row.winery.id }),
    fingerprint,
  );
  return { status: 200, body };
});
