import type { Generated } from "kysely";

export interface FavoritesTable {
  user_id: string;
  winery_id: string;
  created_at: Generated<Date>;
}
