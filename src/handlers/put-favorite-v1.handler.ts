import { favoriteWinery } from "../app/favorites.js";
import { getDatabase } from "../db/database-instance.js";
import { putFavoriteV1 } from "../generated/operations/putFavoriteV1.gen.js";

export const handler = putFavoriteV1(async ({ path, caller }) =>
  favoriteWinery(await getDatabase(), caller, path.wineryId),
);
