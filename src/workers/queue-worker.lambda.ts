import { sqsBatchHandler } from "../queue/sqs-batch-handler.js";
import { readLambdaSettings } from "../settings/lambda-settings.js";
import { readWorkerQueue } from "../settings/queue-environment.js";
import { workers } from "./workers.js";

/**
 * Entry point of the worker Lambdas: one function per queue, each told its queue by
 * `CELLAR_WORKER_QUEUE` (set by the CDK app), each behind an SQS event source mapping with
 * `reportBatchItemFailures`.
 */
const queue = readWorkerQueue();
// Like the API handlers: any bad setting fails the init rather than the first batch.
readLambdaSettings();

export const handler = sqsBatchHandler(queue, workers[queue]);
