import { type ExpressionBuilder, sql } from "kysely";
import type { Database, Db } from "../db/database.js";
import type { QueueName, QueueRecord } from "./job-queue.js";

export interface ReceiveOptions {
  max: number;
  /** How long a received message stays hidden from other consumers before it is redelivered. */
  visibilityTimeoutMs: number;
  /** A message already received this often is dead-lettered instead of delivered again (SQS maxReceiveCount). */
  maxReceiveCount: number;
  /** The consumer's clock when one is injected (tests); otherwise the database's clock_timestamp(). */
  now?: Date;
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
  const { max, visibilityTimeoutMs, maxReceiveCount, now } = options;
  const { rows } = await sql<{ id: string; body: string; receive_count: number; dead_lettered: boolean }>`
    with picked as (
      select id from queue_messages
      where queue = ${queue} and dead_lettered_at is null and visible_at <= ${at(now)}
      order by visible_at
      limit ${max}
      for update skip locked
    )
    update queue_messages as m
    set dead_lettered_at = case when m.receive_count >= ${maxReceiveCount}::int then ${at(now)} end,
        receive_count = case when m.receive_count >= ${maxReceiveCount}::int then m.receive_count
                             else m.receive_count + 1 end,
        visible_at = ${after(now, visibilityTimeoutMs)}
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
  await deleteMessages(db, [record]);
}

/** Done with several messages at once, in one statement; each named by its delivery, as above. */
export async function deleteMessages(db: Db, records: readonly QueueRecord[]): Promise<void> {
  if (records.length === 0) return;
  await db
    .deleteFrom("queue_messages")
    .where((eb) => eb.or(records.map((record) => heldDelivery(eb, record))))
    .execute();
}

/**
 * Still working on these deliveries: keeps them hidden until `until` (SQS ChangeMessageVisibility).
 * The local consumer's heartbeat, so a short visibility timeout is enough while its holder lives.
 */
export async function extendVisibility(
  db: Db,
  records: readonly QueueRecord[],
  visibilityTimeoutMs: number,
  now?: Date,
): Promise<void> {
  if (records.length === 0) return;
  await db
    .updateTable("queue_messages")
    .set({ visible_at: after(now, visibilityTimeoutMs) })
    .where((eb) => eb.or(records.map((record) => heldDelivery(eb, record))))
    .execute();
}

/**
 * Gives deliveries back untouched, visible at `now`: a batch abandoned when the database went away
 * is released as soon as it is back, rather than waiting out its visibility timeout. No error is
 * recorded: the records did not fail, the database did.
 */
export async function returnMessages(db: Db, records: readonly QueueRecord[], now?: Date): Promise<void> {
  await extendVisibility(db, records, 0, now);
}

/** Failed: the message becomes visible again after `delayMs`, to be retried or dead-lettered. */
export async function releaseMessage(
  db: Db,
  record: QueueRecord,
  delayMs: number,
  error: string,
  now?: Date,
): Promise<void> {
  await db
    .updateTable("queue_messages")
    .set({ visible_at: after(now, delayMs), last_error: error.slice(0, 2000) })
    .where((eb) => heldDelivery(eb, record))
    .execute();
}

/** One delivery of a message, as its receipt names it: (id, receive count). */
function heldDelivery(eb: ExpressionBuilder<Database, "queue_messages">, record: QueueRecord) {
  return eb.and([eb("id", "=", record.messageId), eb("receive_count", "=", record.receiveCount)]);
}

/**
 * "Now" by the injected clock if any, else by the database's: one clock for every timestamp the
 * queue compares, never the app's millisecond Date against the database's microseconds.
 */
const at = (now: Date | undefined) =>
  now === undefined ? sql<Date>`clock_timestamp()` : sql<Date>`${now}::timestamptz`;

const after = (now: Date | undefined, ms: number) =>
  sql<Date>`${at(now)} + ${ms}::float8 * interval '1 millisecond'`;

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
