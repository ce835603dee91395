import type { Db } from "../db/database.js";
import type { QueueName, RecordProcessor } from "./job-queue.js";
import { deleteMessage, receiveMessages, releaseMessage } from "./postgres-queue.repository.js";
import { QUEUE_SETTINGS, visibilityTimeoutSeconds } from "./queue-settings.js";
import { onQueued } from "./queue-wakeups.js";

export interface ConsumerOptions {
  database: () => Promise<Db>;
  queue: QueueName;
  processor: RecordProcessor;
  batchSize?: number;
  visibilityTimeoutMs?: number;
  maxReceiveCount?: number;
  /** How long a failed message stays hidden before its retry; SQS would wait out the visibility timeout. */
  retryDelayMs?: number;
  /** Pause between receives when the queue was empty. */
  idlePollMs?: number;
  onError?: (message: string, error: unknown) => void;
  /** Told each time the consumer found the queue empty and starts its idle pause (tests wait on it). */
  onIdle?: () => void;
}

export interface BatchOutcome {
  received: number;
  failed: number;
}

/**
 * One receive and its processing, as one Lambda invocation of the SQS worker would do: records
 * one after another, each deleted when it succeeds and released for a retry when it throws, so
 * one bad record never holds back the others.
 */
export async function consumeBatch(options: ConsumerOptions): Promise<BatchOutcome> {
  const settings = QUEUE_SETTINGS[options.queue];
  const db = await options.database();
  const records = await receiveMessages(db, options.queue, {
    max: options.batchSize ?? settings.batchSize,
    visibilityTimeoutMs: options.visibilityTimeoutMs ?? visibilityTimeoutSeconds(settings) * 1000,
    maxReceiveCount: options.maxReceiveCount ?? settings.maxReceiveCount,
  });
  let failed = 0;
  for (const record of records) {
    try {
      await options.processor(record);
      await deleteMessage(db, record);
    } catch (error) {
      failed += 1;
      options.onError?.(
        `${record.queue} message ${record.messageId} failed (receive ${record.receiveCount})`,
        error,
      );
      const retryDelayMs = options.retryDelayMs ?? 1000 * 2 ** Math.min(record.receiveCount, 6);
      await releaseMessage(db, record, retryDelayMs, error instanceof Error ? error.message : String(error));
    }
  }
  return { received: records.length, failed };
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

export interface RunningConsumer {
  /** Stops polling and resolves once the batch in hand is finished. */
  stop(): Promise<void>;
}

/** Polls the queue in the background: the local stage's stand-in for the SQS event source mapping. */
export function startQueueConsumer(options: ConsumerOptions): RunningConsumer {
  const idlePollMs = options.idlePollMs ?? 500;
  let stopped = false;
  let wake: (() => void) | undefined;
  // A send announced while a batch was being received must not wait out the idle poll.
  let announced = false;
  const stopListening = onQueued(options.queue, () => {
    announced = true;
    wake?.();
  });
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (announced) {
        resolve();
        return;
      }
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const loop = (async () => {
    while (!stopped) {
      try {
        announced = false;
        const { received } = await consumeBatch(options);
        if (received === 0) {
          const paused = pause(idlePollMs);
          options.onIdle?.();
          await paused;
        }
      } catch (error) {
        // The database is away (or the queue table is not migrated yet): try again later.
        options.onError?.(`receiving from ${options.queue} failed`, error);
        await pause(idlePollMs * 4);
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      stopListening();
      wake?.();
      await loop;
    },
  };
}
