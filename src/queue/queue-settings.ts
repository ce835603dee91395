import type { QueueName } from "./job-queue.js";

/**
 * How each queue is consumed, shared by the CDK app (SQS + event source mapping) and the local
 * stage's Postgres consumer, so both redeliver and dead-letter alike.
 */
export interface QueueSettings {
  /** Records handed to one worker invocation (the SQS event source mapping's batch size). */
  batchSize: number;
  /**
   * Records taken by one receive of the local consumer. It is one consumer per queue where SQS runs
   * several workers at once, so it takes bigger batches where that pays: coalesced rating events.
   */
  localBatchSize: number;
  /** The worker Lambda's timeout; the visibility timeout is derived from it (see below). */
  workerTimeoutSeconds: number;
  /** Receives after which a message that keeps failing goes to the dead-letter queue. */
  maxReceiveCount: number;
}

export const QUEUE_SETTINGS: Readonly<Record<QueueName, QueueSettings>> = {
  // One import message is a chunk of up to 500 rows, written in one transaction: a few seconds.
  imports: { batchSize: 5, localBatchSize: 5, workerTimeoutSeconds: 120, maxReceiveCount: 5 },
  // Locally a burst of review writes is drained 500 events at a time, each winery recomputed once.
  "rating-events": { batchSize: 10, localBatchSize: 500, workerTimeoutSeconds: 30, maxReceiveCount: 5 },
};

/**
 * AWS advises a visibility timeout of at least six times the function timeout for SQS event
 * sources, so a batch retried by Lambda (throttling, a crashed invocation) is not redelivered to a
 * second worker while the first may still be running.
 */
export function visibilityTimeoutSeconds(settings: QueueSettings): number {
  return settings.workerTimeoutSeconds * 6;
}

/**
 * How the local stage's Postgres consumer holds what it received. SQS hides a received message for
 * the whole visibility timeout (720 s for imports), so a worker that dies holding it delays it that
 * long; that is SQS's contract and the price of never running a message twice at once. Locally a
 * consumer instead holds its batch on a short lease that it renews while it works (a heartbeat), so
 * a consumer that died (the stage crashed, its process was killed) lets go within one lease, and a
 * restarted stage picks the work up in seconds.
 */
export const LOCAL_CONSUMER = {
  /** How long a received message stays hidden without a heartbeat: a dead holder's work is back after this. */
  leaseMs: 15_000,
  /** How often a live holder renews the lease of the records it still holds. */
  heartbeatMs: 5_000,
  /** Pause between receives when the queue was empty. */
  idlePollMs: 500,
  /** Pause after the first failed poll (the database is away); doubled after each further one... */
  outageFirstBackoffMs: 500,
  /** ...up to this, so a consumer is back at most this long after its database is. */
  outageMaxBackoffMs: 8_000,
} as const;

/** The pause before the `failures`-th consecutive failed poll is retried: capped exponential. */
export function outageBackoffMs(failures: number): number {
  const { outageFirstBackoffMs, outageMaxBackoffMs } = LOCAL_CONSUMER;
  return Math.min(outageMaxBackoffMs, outageFirstBackoffMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
}
