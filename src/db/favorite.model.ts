import type { Winery } from "./winery.model.js";

export interface FavoriteWinery {
  winery: Winery;
  favoritedAt: Date;
}
