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
    const consumer = startQueueConsumer({
      database: async () => db(),
      queue: "rating-events",
      idlePollMs: AN_HOUR,
      processor: async (record) => {
        consumed.push(record);
        arrived();
      },
    });
    try {
      // Let the consumer find the queue empty and settle into its hour-long idle pause.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const sent = Date.now();
      await postgresJobQueue.send("rating-events", [{ body: "wake up" }], db());
      await arrival;
      expect(Date.now() - sent).toBeLessThan(1_000);
      expect(consumed.map((record) => record.body)).toEqual(["wake up"]);
    } finally {
      await consumer.stop();
    }
  });
});
