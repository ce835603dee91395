import type { Db } from "../db/database.js";
import type { QueueName } from "./queue-names.js";

/**
 * Work that must not happen inside a request goes through a queue: SQS in production (standard queue,
 * at-least-once), a Postgres table locally. Consumers must therefore be idempotent.
 */
export type { QueueName };

export interface OutgoingMessage {
  body: string;
}

export interface JobQueue {
  /**
   * Sends messages to `queue`. With the Postgres queue, passing the caller's transaction as `db`
   * enqueues atomically with the caller's writes; SQS sends as soon as it is called.
   */
  send(queue: QueueName, messages: readonly OutgoingMessage[], db?: Db): Promise<void>;
}

export interface QueueRecord {
  queue: QueueName;
  messageId: string;
  body: string;
  /** 1 on first delivery; a message received too often goes to the dead-letter queue instead. */
  receiveCount: number;
}

/** Handles one record. Throwing fails only this record: it is retried, then dead-lettered. */
export type RecordProcessor = (record: QueueRecord) => Promise<void>;

/**
 * How a batch processor says what became of its records, as soon as it knows: succeeded records
 * are acknowledged (deleted), failed ones retried, then dead-lettered. A settle that rejects means
 * the queue itself is out of reach: the processor must stop and let the rejection through.
 */
export interface BatchSettlement {
  succeeded(records: readonly QueueRecord[]): Promise<void>;
  failed(records: readonly QueueRecord[], error: unknown): Promise<void>;
}

/**
 * Handles one received batch (one SQS worker invocation, one local receive) and settles each of
 * its records once. A batch sees all its records at once, so it can do shared work once: the
 * rating roll-up recomputes each winery once per batch, whatever the number of its events.
 */
export type BatchProcessor = (records: readonly QueueRecord[], settle: BatchSettlement) => Promise<void>;
