import { sql } from "kysely";
import type { Db } from "../db/database.js";
import type { QueueName, QueueRecord } from "./job-queue.js";

export interface ReceiveOptions {
  max: number;
  /** How long a received message stays hidden from other consumers before it is redelivered. */
  visibilityTimeoutMs: number;
  /** A message already received this often is dead-lettered instead of delivered again (SQS maxReceiveCount). */
  maxReceiveCount: number;
}

/**
 * Receives up to `max` visible messages, as SQS would: each becomes invisible for the visibility
 * timeout and its receive count goes up. `FOR UPDATE SKIP LOCKED` lets concurrent consumers take
 * disjoint messages without waiting on each other. A message that was received `maxReceiveCount`
 * times without being deleted is marked dead-lettered here and not returned.
 */
export async function receiveMessages(
  db: Db,
  queue: QueueName,
  options: ReceiveOptions,
): Promise<QueueRecord[]> {
  const { max, visibilityTimeoutMs, maxReceiveCount } = options;
  const { rows } = await sql<{ id: string; body: string; receive_count: number; dead_lettered: boolean }>`
    with picked as (
      select id from queue_messages
      where queue = ${queue} and dead_lettered_at is null and visible_at <= clock_timestamp()
      order by visible_at
      limit ${max}
      for update skip locked
    )
    update queue_messages as m
    set dead_lettered_at = case when m.receive_count >= ${maxReceiveCount}::int then clock_timestamp() end,
        receive_count = case when m.receive_count >= ${maxReceiveCount}::int then m.receive_count
                             else m.receive_count + 1 end,
        visible_at = clock_timestamp() + ${visibilityTimeoutMs}::float8 * interval '1 millisecond'
    from picked
    where m.id = picked.id
    returning m.id, m.body, m.receive_count, m.dead_lettered_at is not null as dead_lettered
  `.execute(db);
  return rows
    .filter((row) => !row.dead_lettered)
    .map((row) => ({ queue, messageId: row.id, body: row.body, receiveCount: row.receive_count }));
}

/**
 * Done with a message. Like an SQS receipt handle, (messageId, receiveCount) names one delivery:
 * a consumer whose visibility timeout ran out cannot delete a redelivery someone else holds.
 */
export async function deleteMessage(db: Db, record: QueueRecord): Promise<void> {
  await db
    .deleteFrom("queue_messages")
    .where("id", "=", record.messageId)
    .where("receive_count", "=", record.receiveCount)
    .execute();
}

/** Failed: the message becomes visible again after `delayMs`, to be retried or dead-lettered. */
export async function releaseMessage(
  db: Db,
  record: QueueRecord,
  delayMs: number,
  error: string,
): Promise<void> {
  await db
    .updateTable("queue_messages")
    .set({
      visible_at: sql<Date>`clock_timestamp() + ${delayMs}::float8 * interval '1 millisecond'`,
      last_error: error.slice(0, 2000),
    })
    .where("id", "=", record.messageId)
    .where("receive_count", "=", record.receiveCount)
    .execute();
}

export interface DeadLetter {
  messageId: string;
  body: string;
  receiveCount: number;
  lastError: string | null;
}

/** The local dead-letter queue: what an operator would inspect (and could redrive) by hand. */
export async function listDeadLetters(db: Db, queue: QueueName): Promise<DeadLetter[]> {
  const rows = await db
    .selectFrom("queue_messages")
    .select(["id", "body", "receive_count", "last_error"])
    .where("queue", "=", queue)
    .where("dead_lettered_at", "is not", null)
    .orderBy("dead_lettered_at")
    .execute();
  return rows.map((row) => ({
    messageId: row.id,
    body: row.body,
    receiveCount: row.receive_count,
    lastError: row.last_error,
  }));
}
