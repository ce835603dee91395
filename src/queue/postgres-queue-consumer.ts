import type { Db } from "../db/database.js";
import { eachRecord } from "./each-record.js";
import type {
  BatchProcessor,
  BatchSettlement,
  QueueName,
  QueueRecord,
  RecordProcessor,
} from "./job-queue.js";
import {
  deleteMessages,
  extendVisibility,
  receiveMessages,
  releaseMessage,
} from "./postgres-queue.repository.js";
import type { QueueClock } from "./queue-clock.js";
import { LOCAL_CONSUMER, QUEUE_SETTINGS } from "./queue-settings.js";

interface CommonConsumerOptions {
  database: () => Promise<Db>;
  queue: QueueName;
  batchSize?: number;
  /**
   * How long a received message stays hidden unless its holder renews it (the heartbeat, every
   * `heartbeatMs`): how soon a dead consumer's messages come back. Default `LOCAL_CONSUMER.leaseMs`.
   */
  visibilityTimeoutMs?: number;
  heartbeatMs?: number;
  maxReceiveCount?: number;
  /** How long a failed message stays hidden before its retry; SQS would wait out the visibility timeout. */
  retryDelayMs?: number;
  /** Pause between receives when the queue was empty. */
  idlePollMs?: number;
  /** Judges visibility and leases by this clock instead of the database's (tests simulate time). */
  clock?: QueueClock;
  onError?: (message: string, error: unknown) => void;
  /** Told each time the consumer found the queue empty and starts its idle pause (tests wait on it). */
  onIdle?: () => void;
}

/** A consumer runs either a record processor (one record at a time) or a batch processor. */
export type ConsumerOptions = CommonConsumerOptions &
  (
    | { processor: RecordProcessor; batchProcessor?: undefined }
    | { batchProcessor: BatchProcessor; processor?: undefined }
  );

export interface BatchOutcome {
  received: number;
  failed: number;
}

/**
 * A batch given up half-way because the database went away: neither acknowledging nor releasing
 * its records was possible. `records` are the deliveries still held, for the consumer to give back
 * as soon as the database is back (see queue-poller.ts) instead of letting them wait out their lease.
 */
export class BatchAbandoned extends Error {
  constructor(
    readonly records: readonly QueueRecord[],
    cause: unknown,
  ) {
    super(`batch abandoned with ${records.length} record(s) held: the queue is out of reach`, { cause });
  }
}

/** A settle that could not reach the queue's table: the batch cannot go on. */
class QueueUnreachable extends Error {}

async function reachQueue(write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    throw new QueueUnreachable("the queue table is out of reach", { cause: error });
  }
}

/**
 * One receive and its processing, as one Lambda invocation of the SQS worker would do: the batch
 * goes to the processor, and each record is deleted as soon as it is settled as succeeded, or
 * released for a retry when it failed. While the batch is worked on, a heartbeat renews the lease
 * of the records still held. If a settle cannot reach the database, the batch stops and throws
 * `BatchAbandoned` naming what it still holds.
 */
export async function consumeBatch(options: ConsumerOptions): Promise<BatchOutcome> {
  const settings = QUEUE_SETTINGS[options.queue];
  const now = clockOf(options);
  const leaseMs = options.visibilityTimeoutMs ?? LOCAL_CONSUMER.leaseMs;
  const processor = options.batchProcessor ?? eachRecord(options.processor);
  const db = await options.database();
  const records = await receiveMessages(db, options.queue, {
    max: options.batchSize ?? settings.localBatchSize,
    visibilityTimeoutMs: leaseMs,
    maxReceiveCount: options.maxReceiveCount ?? settings.maxReceiveCount,
    now: now(),
  });
  if (records.length === 0) return { received: 0, failed: 0 };

  const held = new Map(records.map((record) => [record.messageId, record]));
  let failed = 0;
  const settle: BatchSettlement = {
    async succeeded(done) {
      await reachQueue(() => deleteMessages(db, done));
      for (const record of done) held.delete(record.messageId);
    },
    async failed(failing, error) {
      for (const record of failing) {
        failed += 1;
        options.onError?.(
          `${record.queue} message ${record.messageId} failed (receive ${record.receiveCount})`,
          error,
        );
        const retryDelayMs = options.retryDelayMs ?? 1000 * 2 ** Math.min(record.receiveCount, 6);
        const reason = error instanceof Error ? error.message : String(error);
        await reachQueue(() => releaseMessage(db, record, retryDelayMs, reason, now()));
        held.delete(record.messageId);
      }
    },
  };
  const heartbeat = setInterval(() => {
    extendVisibility(db, [...held.values()], leaseMs, now()).catch((error: unknown) =>
      options.onError?.(`renewing the lease of ${held.size} ${options.queue} message(s) failed`, error),
    );
  }, options.heartbeatMs ?? LOCAL_CONSUMER.heartbeatMs);
  heartbeat.unref();
  try {
    try {
      await processor(records, settle);
    } catch (error) {
      if (error instanceof QueueUnreachable) throw error;
      // The processor itself threw: whatever it had not settled failed with that error.
      await settle.failed([...held.values()], error);
    }
    if (held.size > 0)
      await settle.failed([...held.values()], new Error("the batch processor never settled it"));
  } catch (error) {
    if (error instanceof QueueUnreachable) throw new BatchAbandoned([...held.values()], error.cause);
    throw error;
  } finally {
    clearInterval(heartbeat);
  }
  return { received: records.length, failed };
}

/** The injected clock's "now", or undefined for the database's own clock. */
export function clockOf(options: { clock?: QueueClock }): () => Date | undefined {
  const { clock } = options;
  return () => (clock === undefined ? undefined : new Date(clock.now()));
}

/** Consumes until the queue has nothing visible left: for tests and scripts. */
export async function drainQueue(options: ConsumerOptions): Promise<number> {
  let received = 0;
  for (;;) {
    const outcome = await consumeBatch(options);
    if (outcome.received === 0) return received;
    received += outcome.received;
  }
}
