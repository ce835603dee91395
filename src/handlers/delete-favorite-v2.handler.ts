import { unfavoriteWinery } from "../app/favorites.js";
import { deleteFavoriteV2 } from "../generated/operations/deleteFavoriteV2.gen.js";

export const handler = deleteFavoriteV2(({ path, caller }) => unfavoriteWinery(caller, path.wineryId));
