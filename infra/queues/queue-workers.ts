import { join } from "node:path";
import type { QueueName } from "../../src/queue/job-queue.js";
import { QUEUE_NAMES } from "../../src/queue/queue-names.js";
import { repoRoot } from "../operations/operation-functions.js";

/** The source every worker bundle wraps; it picks its processor from `CELLAR_WORKER_QUEUE`. */
export const WORKER_HANDLER_FILE = join(repoRoot, "src/workers/queue-worker.lambda.ts");

/** Bundle and function name suffix of a queue's worker: `worker-imports`. */
export const workerName = (queue: QueueName): string => `worker-${queue}`;

export const workerQueues = (): readonly QueueName[] => QUEUE_NAMES;

/**
 * The operations that send to each queue: only their functions get the queue's URL and
 * `sqs:SendMessage` on it. An operation missing here fails at runtime with "is not set", loudly
 * (deployed functions run with `CELLAR_QUEUE=sqs`, so there is no silent fallback).
 */
export const QUEUE_SENDERS: Readonly<Record<QueueName, readonly string[]>> = {
  imports: ["createImportV2"],
  // Review writes tell the rating roll-up what changed.
  "rating-events": ["createReviewV1", "createReviewV2", "deleteReviewV2"],
};
