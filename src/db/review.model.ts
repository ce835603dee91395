import type { Selectable } from "kysely";
import type { ReviewsTable } from "./tables/reviews.table.js";

export interface Review {
  id: string;
  wineryId: string;
  userId: string;
  rating: number;
  text: string;
  createdAt: Date;
}

export function toReview(row: Selectable<ReviewsTable>): Review {
  return {
    id: row.id,
    wineryId: row.winery_id,
    userId: row.user_id,
    rating: row.rating,
    text: row.text,
    createdAt: row.created_at,
  };
}
