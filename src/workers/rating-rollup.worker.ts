import { getDatabase } from "../app/database-instance.js";
import { parseRatingEvent } from "../app/rating-event.js";
import type { Db } from "../db/database.js";
import { type RefreshOutcome, refreshWineryRating } from "../db/rating-rollup.repository.js";
import type { BatchProcessor, QueueRecord, RecordProcessor } from "../queue/job-queue.js";

type Refresh = (db: Db, wineryId: string) => Promise<RefreshOutcome>;

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

/**
 * The same, coalesced: one recompute per winery per batch, whatever the number of its events.
 * Since an event's content is never used, a recompute that starts after a batch was received
 * covers every review its events announced (they were committed before being sent), so the other
 * events of that winery add nothing. A burst of writes on one winery then costs one aggregate per
 * batch instead of one per write. A refresh that fails fails every event of its winery (all are
 * retried); an event that is not one fails alone (it is dead-lettered).
 */
export function ratingRollupBatchProcessor(
  database: () => Promise<Db> = getDatabase,
  refresh: Refresh = refreshWineryRating,
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
    for (const [wineryId, events] of byWinery) {
      let failure: { error: unknown } | undefined;
      try {
        await refresh(await database(), wineryId);
      } catch (error) {
        failure = { error };
      }
      if (failure) await settle.failed(events, failure.error);
      else await settle.succeeded(events);
    }
  };
}

export const processRatingEvents: BatchProcessor = ratingRollupBatchProcessor();
