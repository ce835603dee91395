import { favoriteWinery } from "../app/favorites.js";
import { putFavoriteV2 } from "../generated/operations/putFavoriteV2.gen.js";

export const handler = putFavoriteV2(({ path, caller }) => favoriteWinery(caller, path.wineryId));
