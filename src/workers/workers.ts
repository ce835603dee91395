import { eachRecord } from "../queue/each-record.js";
import type { BatchProcessor, QueueName } from "../queue/job-queue.js";
import { processImportChunk } from "./import-chunk.worker.js";
import { processRatingEvents } from "./rating-rollup.worker.js";

/**
 * The consumer of each queue, a whole batch at a time. The same processor runs in the SQS worker
 * Lambda (`queue-worker.lambda.ts`) and in the local stage's in-process Postgres consumer.
 */
export const workers: Readonly<Record<QueueName, BatchProcessor>> = {
  imports: eachRecord(processImportChunk),
  "rating-events": processRatingEvents,
};
