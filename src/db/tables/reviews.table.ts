import type { Generated } from "kysely";

export interface ReviewsTable {
  id: Generated<string>;
  winery_id: string;
  user_id: string;
  rating: number;
  text: Generated<string>;
  created_at: Generated<Date>;
}
