import { unfavoriteWinery } from "../app/favorites.js";
import { getDatabase } from "../db/database-instance.js";
import { deleteFavoriteV1 } from "../generated/operations/deleteFavoriteV1.gen.js";

export const handler = deleteFavoriteV1(async ({ path, caller }) =>
  unfavoriteWinery(await getDatabase(), caller, path.wineryId),
);
