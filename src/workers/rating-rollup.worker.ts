import { parseRatingEvent } from "../app/rating-event.js";
import type { Db } from "../db/database.js";
import { getDatabase } from "../db/database-instance.js";
import {
  type RefreshOutcome,
  refreshWineryRating,
  refreshWineryRatings,
} from "../db/rating-rollup.repository.js";
import type { BatchProcessor, BatchSettlement, QueueRecord, RecordProcessor } from "../queue/job-queue.js";

/**
 * Consumes "rating-events": each event makes the roll-up recompute its winery from the reviews
 * table, rather than applying the event's delta. Why recompute instead of deduplicating deltas by
 * event id:
 * - at-least-once delivery: a redelivered event recomputes the same totals, a no-op;
 * - reordering: an event's content is never used, so a late "created" cannot undo a "deleted";
 * - lost events: in production the event goes to SQS after the review commits, so a crash in
 *   between loses it; the next event for that winery (or `npm run ratings:rebuild`) heals the
 *   roll-up, where a delta scheme would stay wrong forever;
 * - no applied-events table to grow and prune.
 * The price is one indexed aggregate over one winery's reviews per event, small next to a
 * per-read recompute (and reads never recompute).
 */
export function ratingRollupProcessor(database: () => Promise<Db> = getDatabase): RecordProcessor {
  return async (record: QueueRecord) => {
    const event = parseRatingEvent(record.body);
    // "no-winery" (deleted since the event was sent) leaves no roll-up to keep: done, not an error.
    await refreshWineryRating(await database(), event.wineryId);
  };
}

/** How the coalesced consumer recomputes: all of a batch's wineries at once, or one (on failure). */
export interface RatingRefresh {
  wineries(db: Db, wineryIds: readonly string[]): Promise<number>;
  winery(db: Db, wineryId: string): Promise<RefreshOutcome>;
}

const repositoryRefresh: RatingRefresh = { wineries: refreshWineryRatings, winery: refreshWineryRating };

/**
 * The same, coalesced: one recompute per winery per batch, whatever the number of its events, all
 * in one statement. Since an event's content is never used, a recompute that starts after a batch
 * was received covers every review its events announced (they were committed before being sent),
 * so the other events of that winery add nothing. A burst of writes then costs one aggregate per
 * batch instead of one per write. Should the batch's recompute fail, each winery is retried alone,
 * so one winery that keeps failing fails only its own events (retried, then dead-lettered); an
 * event that is not one fails alone.
 */
export function ratingRollupBatchProcessor(
  database: () => Promise<Db> = getDatabase,
  refresh: RatingRefresh = repositoryRefresh,
): BatchProcessor {
  return async (records, settle) => {
    const byWinery = new Map<string, QueueRecord[]>();
    for (const record of records) {
      let wineryId: string;
      try {
        wineryId = parseRatingEvent(record.body).wineryId;
      } catch (error) {
        await settle.failed([record], error);
        continue;
      }
      const events = byWinery.get(wineryId) ?? [];
      events.push(record);
      byWinery.set(wineryId, events);
    }
    if (byWinery.size === 0) return;
    const db = await database();
    try {
      await refresh.wineries(db, [...byWinery.keys()]);
    } catch {
      await refreshOneByOne(db, byWinery, refresh, settle);
      return;
    }
    await settle.succeeded([...byWinery.values()].flat());
  };
}

async function refreshOneByOne(
  db: Db,
  byWinery: ReadonlyMap<string, QueueRecord[]>,
  refresh: RatingRefresh,
  settle: BatchSettlement,
): Promise<void> {
  for (const [wineryId, events] of byWinery) {
    let failure: { error: unknown } | undefined;
    try {
      await refresh.winery(db, wineryId);
    } catch (error) {
      failure = { error };
    }
    if (failure) await settle.failed(events, failure.error);
    else await settle.succeeded(events);
  }
}

export const processRatingEvents: BatchProcessor = ratingRollupBatchProcessor();
