import { describe, expect, it } from "vitest";
import type { QueueRecord } from "../../src/queue/job-queue.js";
import { postgresJobQueue } from "../../src/queue/postgres-job-queue.js";
import { startQueueConsumer } from "../../src/queue/queue-poller.js";
import { backends, useDatabase } from "../support/databases.js";

/** A promise with its resolver outside: the test waits on the very event, not on a guess of its time. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

describe("a background consumer (the local stage's workers)", () => {
  const db = useDatabase(backends[0]!);

  it("processes what is sent while it runs, and stops once its batch in hand is done", async () => {
    const seen: string[] = [];
    const firstSeen = deferred();
    const slowStarted = deferred();
    const slowReleased = deferred();
    const consumer = startQueueConsumer({
      database: async () => db(),
      queue: "rating-events",
      idlePollMs: 20,
      processor: async (record: QueueRecord) => {
        if (record.body === "slow") {
          slowStarted.resolve();
          await slowReleased.promise;
        }
        seen.push(record.body);
        if (record.body === "first") firstSeen.resolve();
      },
    });
    await postgresJobQueue.send("rating-events", [{ body: "first" }], db());
    await firstSeen.promise;
    expect(seen).toEqual(["first"]);

    await postgresJobQueue.send("rating-events", [{ body: "slow" }], db());
    await slowStarted.promise;
    // What had been processed when stop() resolved: the slow record must be in it, whatever the timing.
    const seenWhenStopped = consumer.stop().then(() => [...seen]);
    slowReleased.resolve();
    expect(await seenWhenStopped).toEqual(["first", "slow"]);
  });
});
