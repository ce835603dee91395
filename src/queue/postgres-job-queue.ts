import { getDatabase } from "../db/database-instance.js";
import type { JobQueue } from "./job-queue.js";
import { announceQueued } from "./queue-wakeups.js";

/**
 * The local queue: one row per message in `queue_messages`. Sending through the caller's
 * transaction (`db`) makes the message appear only if, and when, the caller's writes commit.
 */
export const postgresJobQueue: JobQueue = {
  async send(queue, messages, db) {
    if (messages.length === 0) return;
    const target = db ?? (await getDatabase());
    await target
      .insertInto("queue_messages")
      .values(messages.map((message) => ({ queue, body: message.body })))
      .execute();
    if (!target.isTransaction) announceQueued(queue);
  },
};
