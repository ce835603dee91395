import type { Selectable } from "kysely";
import type { WineriesTable } from "./tables/wineries.table.js";

export interface Winery {
  id: string;
  name: string;
  lat: number;
  lng: number;
  region: string;
  website: string | null;
  /** rating_sum / review_count rounded to 2 decimals; 0 when there are no reviews. */
  averageRating: number;
  reviewCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export type WineryRow = Selectable<WineriesTable>;

export function toWinery(row: WineryRow): Winery {
  return {
    id: row.id,
    name: row.name,
    lat: row.lat,
    lng: row.lng,
    region: row.region,
    website: row.website,
    averageRating: averageRating(row.rating_sum, row.review_count),
    reviewCount: row.review_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function averageRating(ratingSum: number, reviewCount: number): number {
  if (reviewCount === 0) return 0;
  return Math.round((ratingSum / reviewCount) * 100) / 100;
}
