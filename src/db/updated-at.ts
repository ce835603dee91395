import { sql } from "kysely";

/**
 * The next `updated_at` of a changed winery: now, but always strictly later than the previous value,
 * so that two changes within one millisecond (or one transaction) still read as two.
 */
export const nextUpdatedAt = () =>
  sql<Date>`greatest(date_trunc('milliseconds', now()), updated_at + interval '1 millisecond')`;
