import { unfavoriteWinery } from "../app/favorites.js";
import { deleteFavoriteV1 } from "../generated/operations/deleteFavoriteV1.gen.js";

export const handler = deleteFavoriteV1(({ path, caller }) => unfavoriteWinery(caller, path.wineryId));
