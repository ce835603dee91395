import { describe, expect, it } from "vitest";
import type { QueueRecord } from "../../src/queue/job-queue.js";
import { postgresJobQueue } from "../../src/queue/postgres-job-queue.js";
import { startQueueConsumer } from "../../src/queue/queue-poller.js";
import { backends, useDatabase } from "../support/databases.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a background consumer (the local stage's workers)", () => {
  const db = useDatabase(backends[0]!);

  it("processes what is sent while it runs, and stops once its batch in hand is done", async () => {
    const seen: string[] = [];
    let release: () => void = () => {};
    let slowStarted = false;
    const consumer = startQueueConsumer({
      database: async () => db(),
      queue: "rating-events",
      idlePollMs: 20,
      processor: async (record: QueueRecord) => {
        if (record.body === "slow") {
          slowStarted = true;
          await new Promise<void>((resolve) => {
            release = resolve;
          });
        }
        seen.push(record.body);
      },
    });
    await postgresJobQueue.send("rating-events", [{ body: "first" }], db());
    for (let i = 0; i < 100 && seen.length === 0; i++) await sleep(20);
    expect(seen).toEqual(["first"]);

    await postgresJobQueue.send("rating-events", [{ body: "slow" }], db());
    for (let i = 0; i < 100 && !slowStarted; i++) await sleep(20);
    let stopped = false;
    const stopping = consumer.stop().then(() => {
      stopped = true;
    });
    await sleep(50);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(seen).toEqual(["first", "slow"]);
  });
});
