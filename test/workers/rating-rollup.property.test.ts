import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createReviewOrThrow, deleteReviewOrThrow } from "../../src/app/reviews.js";
import { findRatingDrift, rebuildAllWineryRatings } from "../../src/db/rating-rollup.repository.js";
import { findWineryById, insertWinery } from "../../src/db/winery.repository.js";
import type { JobQueue, QueueRecord } from "../../src/queue/job-queue.js";
import type { Caller } from "../../src/runtime/caller.js";
import { ratingRollupProcessor } from "../../src/workers/rating-rollup.worker.js";
import { backends, useDatabase } from "../support/databases.js";
import { newWinery } from "../support/fixtures.js";

/**
 * The roll-up must equal a full recompute after any workload, however the queue delivers: events
 * delivered late, out of order, or more than once. The test plays the queue, so it decides each
 * delivery; the producer (the app's review writes) and the consumer are the real ones.
 */
const WINERIES = 3;
const USERS = 4;

type Step =
  | { kind: "create"; winery: number; user: number; rating: number }
  | { kind: "delete"; pick: number; byAdmin: boolean }
  | { kind: "deliver"; pick: number }
  | { kind: "redeliver"; pick: number };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant("create" as const),
    winery: fc.nat(WINERIES - 1),
    user: fc.nat(USERS - 1),
    rating: fc.integer({ min: 1, max: 5 }),
  }),
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat(), byAdmin: fc.boolean() }),
  fc.record({ kind: fc.constant("deliver" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("redeliver" as const), pick: fc.nat() }),
);

const caller = (sub: string, groups: string[] = []): Caller => ({
  sub,
  email: null,
  groups,
  claims: { sub },
});

/** A queue whose messages wait until the test delivers them, in whatever order it picks. */
function heldQueue() {
  const pending: QueueRecord[] = [];
  const delivered: QueueRecord[] = [];
  const queue: JobQueue = {
    async send(name, messages) {
      for (const { body } of messages)
        pending.push({ queue: name, messageId: randomUUID(), body, receiveCount: 0 });
    },
  };
  return { queue, pending, delivered };
}

describe.each(backends)("rating roll-up under random workloads on $name", (backend) => {
  const db = useDatabase(backend);

  it("equals a full recompute after any sequence of writes and late, reordered, duplicate deliveries", async () => {
    const consume = ratingRollupProcessor(async () => db());
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { maxLength: 40 }), async (steps) => {
        const wineryIds = await Promise.all(
          Array.from({ length: WINERIES }, async () => (await insertWinery(db(), newWinery())).id),
        );
        const userIds = Array.from({ length: USERS }, () => `user-${randomUUID()}`);
        /** The model: live reviews by id. */
        const live = new Map<string, { winery: number; user: number; rating: number }>();
        const { queue, pending, delivered } = heldQueue();

        const deliver = async (record: QueueRecord) => {
          await consume({ ...record, receiveCount: record.receiveCount + 1 });
          record.receiveCount += 1;
          // Right after any delivery, that winery's roll-up is its reviews' totals as they are now.
          const { wineryId } = JSON.parse(record.body) as { wineryId: string };
          expect(await storedTotals(wineryId)).toEqual(modelTotals(wineryIds.indexOf(wineryId)));
        };
        const storedTotals = async (wineryId: string) => {
          const winery = await findWineryById(db(), wineryId);
          return { count: winery?.reviewCount, average: winery?.averageRating };
        };
        const modelTotals = (winery: number) => {
          const ratings = [...live.values()]
            .filter((review) => review.winery === winery)
            .map((r) => r.rating);
          const sum = ratings.reduce((total, rating) => total + rating, 0);
          return {
            count: ratings.length,
            average: ratings.length ? Math.round((sum / ratings.length) * 100) / 100 : 0,
          };
        };

        for (const step of steps) {
          if (step.kind === "create") {
            const author = userIds[step.user] as string;
            const duplicate = [...live.values()].some(
              (r) => r.winery === step.winery && r.user === step.user,
            );
            const created = createReviewOrThrow(
              db(),
              caller(author),
              wineryIds[step.winery] as string,
              { rating: step.rating },
              queue,
            );
            if (duplicate) await expect(created).rejects.toMatchObject({ status: 409 });
            else live.set((await created).id, { winery: step.winery, user: step.user, rating: step.rating });
          } else if (step.kind === "delete") {
            const ids = [...live.keys()];
            if (ids.length === 0) continue;
            const id = ids[step.pick % ids.length] as string;
            const review = live.get(id) as { winery: number; user: number };
            const by = step.byAdmin ? caller("moderator", ["admin"]) : caller(userIds[review.user] as string);
            await deleteReviewOrThrow(db(), by, wineryIds[review.winery] as string, id, queue);
            live.delete(id);
          } else if (step.kind === "deliver") {
            if (pending.length === 0) continue;
            const [record] = pending.splice(step.pick % pending.length, 1) as [QueueRecord];
            await deliver(record);
            delivered.push(record);
          } else {
            if (delivered.length === 0) continue;
            await deliver(delivered[step.pick % delivered.length] as QueueRecord);
          }
        }

        // The queue eventually delivers everything still held, newest first for good measure.
        for (const record of pending.splice(0).reverse()) await deliver(record);
        for (const [index, wineryId] of wineryIds.entries()) {
          expect(await storedTotals(wineryId)).toEqual(modelTotals(index));
        }
        expect(await findRatingDrift(db())).toEqual([]);
      }),
      { numRuns: backend.name === "pglite" ? 15 : 40 },
    );
    expect((await rebuildAllWineryRatings(db())).changed).toBe(0);
  });

  it("equals a full recompute when events for one winery are consumed concurrently and twice", async () => {
    const consume = ratingRollupProcessor(async () => db());
    const wineryId = (await insertWinery(db(), newWinery())).id;
    const { queue, pending } = heldQueue();
    const ratings = Array.from({ length: 24 }, (_, i) => (i % 5) + 1);
    const created = await Promise.all(
      ratings.map((rating) =>
        createReviewOrThrow(db(), caller(`user-${randomUUID()}`), wineryId, { rating }, queue),
      ),
    );
    for (const review of created.slice(0, 6)) {
      await deleteReviewOrThrow(db(), caller(review.userId), wineryId, review.id, queue);
    }
    const records = [...pending, ...pending].reverse();
    await Promise.all(records.map((record) => consume({ ...record, receiveCount: 1 })));
    expect(await findRatingDrift(db())).toEqual([]);
    const kept = ratings.slice(6);
    expect(await findWineryById(db(), wineryId)).toMatchObject({
      reviewCount: kept.length,
      averageRating: Math.round((kept.reduce((a, b) => a + b, 0) / kept.length) * 100) / 100,
    });
  });

  it("completes an event for a winery deleted since, leaving nothing to retry", async () => {
    const consume = ratingRollupProcessor(async () => db());
    const winery = await insertWinery(db(), newWinery());
    const { queue, pending } = heldQueue();
    await createReviewOrThrow(db(), caller(`user-${randomUUID()}`), winery.id, { rating: 4 }, queue);
    await db().deleteFrom("wineries").where("id", "=", winery.id).execute();
    await expect(consume(pending[0] as QueueRecord)).resolves.toBeUndefined();
  });

  it("dead-letters what is not a rating event, by throwing", async () => {
    const consume = ratingRollupProcessor(async () => db());
    for (const body of [
      "not json",
      "{}",
      JSON.stringify({ type: "review.created", wineryId: "x", reviewId: "y" }),
    ]) {
      await expect(
        consume({ queue: "rating-events", messageId: "m", body, receiveCount: 1 }),
      ).rejects.toThrow();
    }
  });
});
