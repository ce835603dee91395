import type { Generated } from "kysely";

export interface WineriesTable {
  id: Generated<string>;
  name: string;
  lat: number;
  lng: number;
  region: string;
  website: string | null;
  rating_sum: Generated<number>;
  review_count: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
