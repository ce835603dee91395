import type { Db } from "../db/database.js";
import { QUEUE_NAMES } from "../queue/queue-names.js";
import { startQueueConsumer } from "../queue/queue-poller.js";
import { workers } from "../workers/workers.js";
import type { Logger } from "./logger.js";

export interface LocalQueueWorkers {
  /** Stops polling; resolves once the batches in hand are finished. */
  stop(): Promise<void>;
}

/**
 * The local stage's stand-in for SQS and the worker Lambdas: one in-process consumer of the
 * Postgres queue per registered queue, running the same processors the Lambdas run.
 */
export function startLocalQueueWorkers(database: () => Promise<Db>, logger: Logger): LocalQueueWorkers {
  const consumers = QUEUE_NAMES.map((queue) =>
    startQueueConsumer({
      database,
      queue,
      batchProcessor: workers[queue],
      onError: (message, error) => logger.error(`queue worker: ${message}`, error),
    }),
  );
  return {
    async stop() {
      await Promise.all(consumers.map((consumer) => consumer.stop()));
    },
  };
}
