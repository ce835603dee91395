import type { QueueName } from "./job-queue.js";

/**
 * How each queue is consumed, shared by the CDK app (SQS + event source mapping) and the local
 * stage's Postgres consumer, so both redeliver and dead-letter alike.
 */
export interface QueueSettings {
  /** Records handed to one worker invocation. */
  batchSize: number;
  /** The worker Lambda's timeout; the visibility timeout is derived from it (see below). */
  workerTimeoutSeconds: number;
  /** Receives after which a message that keeps failing goes to the dead-letter queue. */
  maxReceiveCount: number;
}

export const QUEUE_SETTINGS: Readonly<Record<QueueName, QueueSettings>> = {
  // One import message is a chunk of up to 500 rows, written in one transaction: a few seconds.
  imports: { batchSize: 5, workerTimeoutSeconds: 120, maxReceiveCount: 5 },
  "rating-events": { batchSize: 10, workerTimeoutSeconds: 30, maxReceiveCount: 5 },
};

/**
 * AWS advises a visibility timeout of at least six times the function timeout for SQS event
 * sources, so a batch retried by Lambda (throttling, a crashed invocation) is not redelivered to a
 * second worker while the first may still be running.
 */
export function visibilityTimeoutSeconds(settings: QueueSettings): number {
  return settings.workerTimeoutSeconds * 6;
}
