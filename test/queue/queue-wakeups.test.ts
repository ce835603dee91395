import { describe, expect, it } from "vitest";
import type { QueueRecord } from "../../src/queue/job-queue.js";
import { postgresJobQueue } from "../../src/queue/postgres-job-queue.js";
import { startQueueConsumer } from "../../src/queue/queue-poller.js";
import { backends, useDatabase } from "../support/databases.js";

const AN_HOUR = 3_600_000;

describe.each(backends)("the local consumer on $name, woken by a send", (backend) => {
  const db = useDatabase(backend);

  it("takes a committed message at once instead of at its next idle poll", async () => {
    const consumed: QueueRecord[] = [];
    let arrived: () => void = () => {};
    const arrival = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    let wentIdle: () => void = () => {};
    const idle = new Promise<void>((resolve) => {
      wentIdle = resolve;
    });
    const consumer = startQueueConsumer({
      database: async () => db(),
      queue: "rating-events",
      idlePollMs: AN_HOUR,
      onIdle: () => wentIdle(),
      processor: async (record) => {
        consumed.push(record);
        arrived();
      },
    });
    try {
      // The consumer found the queue empty and is in its hour-long pause: only a wake-up can end it
      // before the test's own timeout, so arriving at all proves the send woke it.
      await idle;
      await postgresJobQueue.send("rating-events", [{ body: "wake up" }], db());
      await arrival;
      expect(consumed.map((record) => record.body)).toEqual(["wake up"]);
    } finally {
      await consumer.stop();
    }
  });
});
