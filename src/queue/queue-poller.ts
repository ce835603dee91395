import type { QueueRecord } from "./job-queue.js";
import { returnMessages } from "./postgres-queue.repository.js";
import {
  BatchAbandoned,
  type BatchOutcome,
  type ConsumerOptions,
  clockOf,
  consumeBatch,
} from "./postgres-queue-consumer.js";
import { LOCAL_CONSUMER, outageBackoffMs } from "./queue-settings.js";
import { onQueued } from "./queue-wakeups.js";

export interface PollOutcome extends BatchOutcome {
  /** How long to wait before polling again: 0 after a batch, the idle pause, or the outage back-off. */
  nextPollMs: number;
}

/** One poll at a time, so a test can drive a consumer step by step on a simulated clock. */
export interface QueuePoller {
  poll(): Promise<PollOutcome>;
}

/**
 * A consumer's polling, one step per call. A poll that fails (the database is away, or went away
 * mid-batch) backs off, capped-exponentially, and the deliveries an abandoned batch still held are
 * given back at the start of the first poll that reaches the database again: once the database
 * returns, its work resumes within one back-off, not after the lease.
 */
export function createQueuePoller(options: ConsumerOptions): QueuePoller {
  const now = clockOf(options);
  const idlePollMs = options.idlePollMs ?? LOCAL_CONSUMER.idlePollMs;
  let abandoned: QueueRecord[] = [];
  let failuresInARow = 0;
  return {
    async poll() {
      try {
        if (abandoned.length > 0) {
          await returnMessages(await options.database(), abandoned, now());
          abandoned = [];
        }
        const outcome = await consumeBatch(options);
        failuresInARow = 0;
        return { ...outcome, nextPollMs: outcome.received === 0 ? idlePollMs : 0 };
      } catch (error) {
        if (error instanceof BatchAbandoned) abandoned = [...abandoned, ...error.records];
        failuresInARow += 1;
        // The database is away (or the queue table is not migrated yet): try again later.
        options.onError?.(`polling ${options.queue} failed (${failuresInARow} in a row)`, error);
        return { received: 0, failed: 0, nextPollMs: outageBackoffMs(failuresInARow) };
      }
    },
  };
}

export interface RunningConsumer {
  /** Stops polling and resolves once the batch in hand is finished. */
  stop(): Promise<void>;
}

/** Polls the queue in the background: the local stage's stand-in for the SQS event source mapping. */
export function startQueueConsumer(options: ConsumerOptions): RunningConsumer {
  const poller = createQueuePoller(options);
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
      if (announced || stopped) {
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
      announced = false;
      const { nextPollMs, received } = await poller.poll();
      if (nextPollMs > 0) {
        const paused = pause(nextPollMs);
        if (received === 0) options.onIdle?.();
        await paused;
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
