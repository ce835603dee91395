import { describe, expect, it } from "vitest";
import type { QueueRecord } from "../../src/queue/job-queue.js";
import { postgresJobQueue } from "../../src/queue/postgres-job-queue.js";
import {
  deleteMessage,
  listDeadLetters,
  receiveMessages,
  releaseMessage,
} from "../../src/queue/postgres-queue.repository.js";
import { consumeBatch, drainQueue } from "../../src/queue/postgres-queue-consumer.js";
import { backends, truncateAll, useDatabase } from "../support/databases.js";

/** A full turn of the event loop: the other consumer gets its chance to receive in between. */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));
const bodies = (count: number, tag: string) =>
  Array.from({ length: count }, (_, i) => ({ body: `${tag}-${i}` }));
const receiveOptions = { max: 10, visibilityTimeoutMs: 60_000, maxReceiveCount: 3 };

describe.each(backends)("the Postgres queue on $name", (backend) => {
  const db = useDatabase(backend);
  const fresh = async () => truncateAll(db());

  it("delivers what was sent, hides it while received, and forgets it once deleted", async () => {
    await fresh();
    await postgresJobQueue.send("imports", bodies(3, "a"), db());
    const first = await receiveMessages(db(), "imports", receiveOptions);
    expect(first.map((record) => record.body).sort()).toEqual(["a-0", "a-1", "a-2"]);
    expect(first.every((record) => record.receiveCount === 1 && record.queue === "imports")).toBe(true);
    expect(await receiveMessages(db(), "imports", receiveOptions)).toEqual([]);
    expect(await receiveMessages(db(), "rating-events", receiveOptions)).toEqual([]);
    for (const record of first) await deleteMessage(db(), record);
    const { count } = await db()
      .selectFrom("queue_messages")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(0);
  });

  it("sends nothing when the sending transaction rolls back", async () => {
    await fresh();
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await postgresJobQueue.send("imports", bodies(1, "rolled-back"), trx);
          throw new Error("the caller's writes failed");
        }),
    ).rejects.toThrow("the caller's writes failed");
    expect(await receiveMessages(db(), "imports", receiveOptions)).toEqual([]);
  });

  it("redelivers a message whose visibility timeout ran out, with a higher receive count", async () => {
    await fresh();
    await postgresJobQueue.send("imports", bodies(1, "slow"), db());
    // An injected clock, well after the send (stamped by the database's clock): no waiting.
    const t0 = Date.now() + 60_000;
    const at = (ms: number) => ({ ...receiveOptions, now: new Date(t0 + ms) });
    const [first] = await receiveMessages(db(), "imports", { ...at(0), visibilityTimeoutMs: 50 });
    expect(await receiveMessages(db(), "imports", at(49))).toEqual([]);
    const [again] = await receiveMessages(db(), "imports", at(50));
    expect(again?.messageId).toBe(first?.messageId);
    expect(again?.receiveCount).toBe(2);
    // The first delivery's receipt is stale: it cannot delete the redelivery someone else holds.
    await deleteMessage(db(), first as QueueRecord);
    await releaseMessage(db(), first as QueueRecord, 0, "stale");
    expect(await receiveMessages(db(), "imports", at(51))).toEqual([]);
    const [third] = await receiveMessages(db(), "imports", at(50 + receiveOptions.visibilityTimeoutMs));
    expect(third?.messageId).toBe(first?.messageId);
    await deleteMessage(db(), third as QueueRecord);
  });

  it("lets two concurrent consumers take disjoint messages (FOR UPDATE SKIP LOCKED)", async () => {
    await fresh();
    await postgresJobQueue.send("imports", bodies(40, "c"), db());
    const [left, right] = await Promise.all([
      receiveMessages(db(), "imports", { ...receiveOptions, max: 25 }),
      receiveMessages(db(), "imports", { ...receiveOptions, max: 25 }),
    ]);
    const ids = [...(left ?? []), ...(right ?? [])].map((record) => record.messageId);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
  });

  it("processes every message exactly once with two consumers polling side by side", async () => {
    await fresh();
    await postgresJobQueue.send("imports", bodies(60, "p"), db());
    const seen: string[] = [];
    const processor = async (record: QueueRecord) => {
      await yieldToOthers();
      seen.push(record.body);
    };
    const options = { database: async () => db(), queue: "imports" as const, processor, batchSize: 7 };
    await Promise.all([drainQueue(options), drainQueue(options)]);
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
  });

  it("retries a failing record without holding back the others, then dead-letters it after N receives", async () => {
    await fresh();
    await postgresJobQueue.send("imports", [{ body: "poison" }, ...bodies(3, "ok")], db());
    const done: string[] = [];
    const attempts: number[] = [];
    const options = {
      database: async () => db(),
      queue: "imports" as const,
      maxReceiveCount: 3,
      retryDelayMs: 0,
      processor: async (record: QueueRecord) => {
        if (record.body === "poison") {
          attempts.push(record.receiveCount);
          throw new Error("cannot process poison");
        }
        done.push(record.body);
      },
    };
    const first = await consumeBatch(options);
    expect(first).toEqual({ received: 4, failed: 1 });
    expect(done.sort()).toEqual(["ok-0", "ok-1", "ok-2"]);
    await drainQueue(options);
    expect(attempts).toEqual([1, 2, 3]);
    const deadLetters = await listDeadLetters(db(), "imports");
    expect(deadLetters).toEqual([
      expect.objectContaining({ body: "poison", receiveCount: 3, lastError: "cannot process poison" }),
    ]);
    expect(await receiveMessages(db(), "imports", receiveOptions)).toEqual([]);
  });
});
