import { favoriteWinery } from "../app/favorites.js";
import { putFavoriteV1 } from "../generated/operations/putFavoriteV1.gen.js";

export const handler = putFavoriteV1(({ path, caller }) => favoriteWinery(caller, path.wineryId));
