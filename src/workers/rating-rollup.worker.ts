import { parseRatingEvent } from "../app/rating-event.js";
import type { Db } from "../db/database.js";
import { getDatabase } from "../db/database-instance.js";
import { refreshWineryRating } from "../db/rating-rollup.repository.js";
import type { QueueRecord, RecordProcessor } from "../queue/job-queue.js";

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

export const processRatingEvent: RecordProcessor = ratingRollupProcessor();
