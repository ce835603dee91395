import { favoriteWinery } from "../app/favorites.js";
import { getDatabase } from "../db/database-instance.js";
import { putFavoriteV2 } from "../generated/operations/putFavoriteV2.gen.js";

export const handler = putFavoriteV2(async ({ path, caller }) =>
  favoriteWinery(await getDatabase(), caller, path.wineryId),
);
