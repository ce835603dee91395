import { getDatabase } from "../../src/db/database-instance.js";
import { drainQueue } from "../../src/queue/postgres-queue-consumer.js";
import { workers } from "../../src/workers/workers.js";

/**
 * Does now what the local stage's in-process consumer does in the background: applies every rating
 * event sent so far (to the database getDatabase() opens, the one the test stage uses). Stages
 * started by tests run no consumers, so a test decides when the roll-up catches up.
 */
export async function settleRatingRollups(): Promise<void> {
  await drainQueue({
    database: getDatabase,
    queue: "rating-events",
    batchProcessor: workers["rating-events"],
    retryDelayMs: 0,
  });
}
