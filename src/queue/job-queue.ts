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
