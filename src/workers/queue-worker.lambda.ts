import type { QueueName } from "../queue/job-queue.js";
import { QUEUE_NAMES } from "../queue/queue-names.js";
import { sqsBatchHandler } from "../queue/sqs-batch-handler.js";
import { workers } from "./workers.js";

/**
 * Entry point of the worker Lambdas: one function per queue, each told its queue by
 * `CELLAR_WORKER_QUEUE` (set by the CDK app), each behind an SQS event source mapping with
 * `reportBatchItemFailures`.
 */
function workerQueue(value = process.env.CELLAR_WORKER_QUEUE): QueueName {
  const queue = QUEUE_NAMES.find((name) => name === value);
  if (!queue) throw new Error(`CELLAR_WORKER_QUEUE must be one of ${QUEUE_NAMES.join(", ")}, got "${value}"`);
  return queue;
}

const queue = workerQueue();

export const handler = sqsBatchHandler(queue, workers[queue]);
