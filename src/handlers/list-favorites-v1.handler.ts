import { toWineryV1 } from "../app/presenters.js";
import { getDatabase } from "../db/database-instance.js";
import { listFavorites } from "../db/favorite.repository.js";
import { listFavoritesV1 } from "../generated/operations/listFavoritesV1.gen.js";

/** v1 has no pagination; a cap keeps one response within Lambda's 6 MB payload limit. */
const V1_FAVORITES_CAP = 1000;

export const handler = listFavoritesV1(async ({ caller }) => {
  const favorites = await listFavorites(await getDatabase(), caller.sub, {
    limit: V1_FAVORITES_CAP,
  });
  return { status: 200, body: favorites.map((favorite) => toWineryV1(favorite.winery)) };
});
