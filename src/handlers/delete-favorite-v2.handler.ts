import { unfavoriteWinery } from "../app/favorites.js";
import { getDatabase } from "../db/database-instance.js";
import { deleteFavoriteV2 } from "../generated/operations/deleteFavoriteV2.gen.js";

export const handler = deleteFavoriteV2(async ({ path, caller }) =>
  unfavoriteWinery(await getDatabase(), caller, path.wineryId),
);
