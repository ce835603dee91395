import { sql } from "kysely";
import type { Db } from "./database.js";
import { inTransaction } from "./transaction.js";
import { nextUpdatedAt } from "./updated-at.js";
import { isUuid } from "./uuid.js";

/**
 * The rating roll-up is materialized on the winery (rating_sum, review_count), so every read serves
 * it as stored; review writes no longer touch it. It is kept by the rating-events consumer, which
 * recomputes one winery at a time, and can be rebuilt for all wineries at once.
 */
export type RefreshOutcome = "changed" | "unchanged" | "no-winery";

export interface RatingTotals {
  ratingSum: number;
  reviewCount: number;
}

export interface RatingDrift {
  wineryId: string;
  stored: RatingTotals;
  recomputed: RatingTotals;
}

/**
 * Recomputes one winery's roll-up from its reviews. The row lock (NO KEY UPDATE: review inserts,
 * which only take KEY SHARE for their foreign key, are not blocked) makes refreshes of the same
 * winery take turns; the aggregate is read by the statement after the lock is granted, so under
 * READ COMMITTED it sees every review committed before the previous refresh finished. Hence the
 * last refresh to run writes the full truth, whatever order refreshes were asked in. The winery's
 * updated_at (v2 ETag) moves only when the totals really change, so a repeated refresh is a no-op.
 */
export async function refreshWineryRating(db: Db, wineryId: string): Promise<RefreshOutcome> {
  if (!isUuid(wineryId)) return "no-winery";
  return inTransaction(db, async (trx) => {
    const locked = await trx
      .selectFrom("wineries")
      .select("id")
      .where("id", "=", wineryId)
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!locked) return "no-winery";
    return (await storeTotals(trx, recomputedTotals(wineryId))) > 0 ? "changed" : "unchanged";
  });
}

/**
 * The same for several wineries in one transaction: what a batch of rating events needs, one
 * recompute per winery in one statement instead of one transaction per event. Locking in id order
 * (as the rebuild does) keeps two batch refreshes from deadlocking. Returns how many changed;
 * ids that name no winery are skipped.
 */
export async function refreshWineryRatings(db: Db, wineryIds: readonly string[]): Promise<number> {
  const ids = [...new Set(wineryIds.filter(isUuid))].sort();
  if (ids.length === 0) return 0;
  return inTransaction(db, async (trx) => {
    await trx
      .selectFrom("wineries")
      .select("id")
      .where("id", "in", ids)
      .orderBy("id")
      .forNoKeyUpdate()
      .execute();
    return storeTotals(trx, recomputedTotals(ids));
  });
}

export type RebuildStep = { phase: "locked"; wineries: number } | { phase: "rebuilt"; changed: number };

/**
 * Recomputes every winery's roll-up from scratch in one transaction. Locking all wineries first
 * (in id order, so two rebuilds cannot deadlock) makes the recompute run on a snapshot taken after
 * any refresh in flight has committed, so a rebuild never writes back totals older than a refresh's.
 */
export async function rebuildAllWineryRatings(
  db: Db,
  onProgress: (step: RebuildStep) => void = () => {},
): Promise<{ wineries: number; changed: number }> {
  return inTransaction(db, async (trx) => {
    const { rows } = await sql<{ wineries: number }>`
      select count(*)::int as wineries
      from (select id from wineries order by id for no key update) as locked
    `.execute(trx);
    const wineries = rows[0]?.wineries ?? 0;
    onProgress({ phase: "locked", wineries });
    const changed = await storeTotals(trx, recomputedTotals());
    onProgress({ phase: "rebuilt", changed });
    return { wineries, changed };
  });
}

/** Wineries whose stored roll-up differs from a full recompute, by id; empty when all agree. */
export async function findRatingDrift(db: Db): Promise<RatingDrift[]> {
  const { rows } = await sql<{
    winery_id: string;
    stored_sum: number;
    stored_count: number;
    rating_sum: number;
    review_count: number;
  }>`
    select wineries.id as winery_id, wineries.rating_sum as stored_sum, wineries.review_count as stored_count,
           totals.rating_sum, totals.review_count
    from wineries join (${recomputedTotals()}) as totals on totals.winery_id = wineries.id
    where (wineries.rating_sum, wineries.review_count) is distinct from (totals.rating_sum, totals.review_count)
    order by wineries.id
  `.execute(db);
  return rows.map((row) => ({
    wineryId: row.winery_id,
    stored: { ratingSum: row.stored_sum, reviewCount: row.stored_count },
    recomputed: { ratingSum: row.rating_sum, reviewCount: row.review_count },
  }));
}

/**
 * Every winery's totals straight from its reviews (or some wineries'): the definition the roll-up
 * must match, shared by the refresh, the rebuild and the drift check.
 */
function recomputedTotals(wineryIds?: string | readonly string[]) {
  const ids = typeof wineryIds === "string" ? [wineryIds] : wineryIds;
  return sql`
    select wineries.id as winery_id,
           coalesce(sum(reviews.rating), 0)::int as rating_sum,
           count(reviews.id)::int as review_count
    from wineries left join reviews on reviews.winery_id = wineries.id
    ${ids === undefined ? sql`` : sql`where wineries.id in (${sql.join(ids.map((id) => sql`${id}::uuid`))})`}
    group by wineries.id
  `;
}

/**
 * Stores recomputed totals where they differ from the stored ones and returns how many wineries
 * changed; updated_at (the v2 ETag) moves only for those.
 */
async function storeTotals(trx: Db, totals: ReturnType<typeof recomputedTotals>): Promise<number> {
  const { numAffectedRows } = await sql`
    update wineries
    set rating_sum = totals.rating_sum, review_count = totals.review_count, updated_at = ${nextUpdatedAt()}
    from (${totals}) as totals
    where wineries.id = totals.winery_id
      and (wineries.rating_sum, wineries.review_count) is distinct from (totals.rating_sum, totals.review_count)
  `.execute(trx);
  return Number(numAffectedRows ?? 0n);
}
