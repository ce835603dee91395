import type { SQSEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { createReviewOrThrow } from "../../src/app/reviews.js";
import { refreshWineryRating, refreshWineryRatings } from "../../src/db/rating-rollup.repository.js";
import { insertWinery } from "../../src/db/winery.repository.js";
import { postgresJobQueue } from "../../src/queue/postgres-job-queue.js";
import { listDeadLetters, receiveMessages } from "../../src/queue/postgres-queue.repository.js";
import { consumeBatch } from "../../src/queue/postgres-queue-consumer.js";
import { sqsBatchHandler } from "../../src/queue/sqs-batch-handler.js";
import type { Caller } from "../../src/runtime/caller.js";
import { type RatingRefresh, ratingRollupBatchProcessor } from "../../src/workers/rating-rollup.worker.js";
import { backends, truncateAll, useDatabase } from "../support/databases.js";
import { newWinery } from "../support/fixtures.js";

const caller = (sub: string): Caller => ({ sub, email: null, groups: [], claims: { sub } });

/** The real refreshes, counting how often each winery is recomputed. */
function countingRefresh() {
  const calls = new Map<string, number>();
  const count = (wineryId: string) => calls.set(wineryId, (calls.get(wineryId) ?? 0) + 1);
  const refresh: RatingRefresh = {
    wineries(db, wineryIds) {
      for (const wineryId of wineryIds) count(wineryId);
      return refreshWineryRatings(db, wineryIds);
    },
    winery(db, wineryId) {
      count(wineryId);
      return refreshWineryRating(db, wineryId);
    },
  };
  return { refresh, calls };
}

/**
 * Under a burst of review writes, the roll-up must not do one recompute per event: a batch
 * recomputes each of its wineries once, and the result is still the full truth.
 */
describe.each(backends)("rating events coalesced per batch on $name", (backend) => {
  const db = useDatabase(backend);

  /** `ratings` reviews on a new winery, each publishing its event to the Postgres queue, as the API does. */
  async function wineryReviewed(ratings: readonly number[]): Promise<string> {
    const { id } = await insertWinery(db(), newWinery());
    for (const [index, rating] of ratings.entries()) {
      await createReviewOrThrow(db(), caller(`user-${index}`), id, { rating }, postgresJobQueue);
    }
    return id;
  }
  const rollup = async (wineryId: string) =>
    db()
      .selectFrom("wineries")
      .select(["rating_sum as ratingSum", "review_count as reviewCount"])
      .where("id", "=", wineryId)
      .executeTakeFirst();

  it("recomputes each winery once per batch, whatever the number of its events, and gets its rating right", async () => {
    await truncateAll(db());
    const busyRatings = Array.from({ length: 40 }, (_, i) => (i % 5) + 1);
    const busy = await wineryReviewed(busyRatings);
    const quiet = await wineryReviewed([2, 5, 4]);
    await postgresJobQueue.send("rating-events", [{ body: "not a rating event" }], db());
    const { refresh, calls } = countingRefresh();

    const outcome = await consumeBatch({
      database: async () => db(),
      queue: "rating-events",
      batchSize: 100,
      batchProcessor: ratingRollupBatchProcessor(async () => db(), refresh),
    });

    expect(outcome).toEqual({ received: 44, failed: 1 });
    expect(Object.fromEntries(calls)).toEqual({ [busy]: 1, [quiet]: 1 });
    expect(await rollup(busy)).toEqual({ ratingSum: 120, reviewCount: 40 });
    expect(await rollup(quiet)).toEqual({ ratingSum: 11, reviewCount: 3 });
    // Every event of the batch was acknowledged but the bad one, which is back for a retry.
    const left = await db().selectFrom("queue_messages").select(["body", "receive_count"]).execute();
    expect(left).toEqual([{ body: "not a rating event", receive_count: 1 }]);
    expect(await listDeadLetters(db(), "rating-events")).toEqual([]);
  });

  it("fails every event of a winery whose recompute failed, and only those", async () => {
    await truncateAll(db());
    const failing = await wineryReviewed([1, 2, 3]);
    const fine = await wineryReviewed([4, 4]);
    // The batch's recompute fails (a statement timeout on one winery), then that winery alone.
    const processor = ratingRollupBatchProcessor(async () => db(), {
      async wineries(database, wineryIds) {
        if (wineryIds.includes(failing)) throw new Error("statement timeout");
        return refreshWineryRatings(database, wineryIds);
      },
      async winery(database, wineryId) {
        if (wineryId === failing) throw new Error("statement timeout");
        return refreshWineryRating(database, wineryId);
      },
    });
    const outcome = await consumeBatch({
      database: async () => db(),
      queue: "rating-events",
      batchSize: 100,
      retryDelayMs: 0,
      batchProcessor: processor,
    });
    expect(outcome).toEqual({ received: 5, failed: 3 });
    expect(await rollup(fine)).toEqual({ ratingSum: 8, reviewCount: 2 });
    const retried = await receiveMessages(db(), "rating-events", {
      max: 10,
      visibilityTimeoutMs: 60_000,
      maxReceiveCount: 5,
    });
    expect(retried.map((record) => JSON.parse(record.body).wineryId)).toEqual([failing, failing, failing]);
  });

  it("coalesces in the SQS worker too: one recompute per winery per batch, only the bad record reported", async () => {
    await truncateAll(db());
    const busy = await wineryReviewed([5, 5, 4, 3, 1, 2, 5]);
    const sent = await receiveMessages(db(), "rating-events", {
      max: 100,
      visibilityTimeoutMs: 60_000,
      maxReceiveCount: 5,
    });
    const { refresh, calls } = countingRefresh();
    const handler = sqsBatchHandler(
      "rating-events",
      ratingRollupBatchProcessor(async () => db(), refresh),
      () => {},
    );
    const records = [...sent.map((record) => record.body), "{}"].map((body, index) => ({
      messageId: `m${index}`,
      receiptHandle: `receipt-${index}`,
      body,
      attributes: {
        ApproximateReceiveCount: "1",
        SentTimestamp: "0",
        SenderId: "sender",
        ApproximateFirstReceiveTimestamp: "0",
      },
      messageAttributes: {},
      md5OfBody: "",
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:us-east-1:123456789012:cellar-rating-events",
      awsRegion: "us-east-1",
    }));
    const event: SQSEvent = { Records: records };
    expect(await handler(event)).toEqual({ batchItemFailures: [{ itemIdentifier: `m${sent.length}` }] });
    expect(sent).toHaveLength(7);
    expect(Object.fromEntries(calls)).toEqual({ [busy]: 1 });
    expect(await rollup(busy)).toEqual({ ratingSum: 25, reviewCount: 7 });
  });
});
