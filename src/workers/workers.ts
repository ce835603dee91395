import type { QueueName, RecordProcessor } from "../queue/job-queue.js";
import { processImportChunk } from "./import-chunk.worker.js";
import { processRatingEvent } from "./rating-rollup.worker.js";

/**
 * The consumer of each queue. The same processor runs in the SQS worker Lambda
 * (`queue-worker.lambda.ts`) and in the local stage's in-process Postgres consumer.
 */
export const workers: Readonly<Record<QueueName, RecordProcessor>> = {
  imports: processImportChunk,
  "rating-events": processRatingEvent,
};
