import { describe, expect, it } from "vitest";
import type { Review } from "../../src/db/review.model.js";
import {
  countReviewsByUser,
  createReview,
  deleteReview,
  findReview,
  listReviews,
} from "../../src/db/review.repository.js";
import { findWineryById, insertWinery } from "../../src/db/winery.repository.js";
import { backends, useDatabase } from "../support/databases.js";
import { newUserId, newWinery } from "../support/fixtures.js";

const MISSING = "00000000-0000-4000-8000-000000000000";

describe.each(backends)("review repository on $name", (backend) => {
  const db = useDatabase(backend);
  const reviewsOf = async (wineryId: string) =>
    (await listReviews(db(), wineryId, { limit: 100 })).map((review) => review.rating);

  it("creates a review, leaving the winery's roll-up to the rating-events consumer", async () => {
    const winery = await insertWinery(db(), newWinery());
    const user = newUserId();
    const result = await createReview(db(), {
      wineryId: winery.id,
      userId: user,
      rating: 4,
      text: "Bright, tart",
    });
    expect(result).toEqual({
      ok: true,
      review: {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        wineryId: winery.id,
        userId: user,
        rating: 4,
        text: "Bright, tart",
        createdAt: expect.any(Date),
      },
    });
    expect(await findWineryById(db(), winery.id)).toMatchObject({ reviewCount: 0, averageRating: 0 });
  });

  it("refuses a second review by the same user, keeping the first", async () => {
    const winery = await insertWinery(db(), newWinery());
    const user = newUserId();
    await createReview(db(), { wineryId: winery.id, userId: user, rating: 2, text: "meh" });
    expect(await createReview(db(), { wineryId: winery.id, userId: user, rating: 5, text: "wow" })).toEqual({
      ok: false,
      reason: "duplicate",
    });
    expect(await reviewsOf(winery.id)).toEqual([2]);
  });

  it("reports no-winery for unknown and malformed winery ids", async () => {
    const user = newUserId();
    for (const wineryId of [MISSING, "nope"]) {
      expect(await createReview(db(), { wineryId, userId: user, rating: 3, text: "" })).toEqual({
        ok: false,
        reason: "no-winery",
      });
    }
    expect(await countReviewsByUser(db(), user)).toBe(0);
  });

  it("rejects a rating outside 1..5 before touching the database", async () => {
    const winery = await insertWinery(db(), newWinery());
    for (const rating of [0, 6, 4.5]) {
      await expect(
        createReview(db(), { wineryId: winery.id, userId: newUserId(), rating, text: "" }),
      ).rejects.toThrow(RangeError);
    }
  });

  it("keeps an enclosing transaction usable after a duplicate", async () => {
    const winery = await insertWinery(db(), newWinery());
    const user = newUserId();
    await createReview(db(), { wineryId: winery.id, userId: user, rating: 3, text: "" });
    const outcome = await db()
      .transaction()
      .execute(async (trx) => {
        const duplicate = await createReview(trx, { wineryId: winery.id, userId: user, rating: 1, text: "" });
        const other = await createReview(trx, {
          wineryId: winery.id,
          userId: newUserId(),
          rating: 5,
          text: "",
        });
        return [duplicate.ok, other.ok];
      });
    expect(outcome).toEqual([false, true]);
    expect((await reviewsOf(winery.id)).sort()).toEqual([3, 5]);
  });

  it("stores every one of 30 concurrent reviews", async () => {
    const winery = await insertWinery(db(), newWinery());
    const ratings = Array.from({ length: 30 }, (_, i) => (i % 5) + 1);
    const results = await Promise.all(
      ratings.map((rating) =>
        createReview(db(), { wineryId: winery.id, userId: newUserId(), rating, text: "" }),
      ),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect((await reviewsOf(winery.id)).sort()).toEqual([...ratings].sort());
  });

  it("accepts exactly one of several concurrent reviews by the same user", async () => {
    const winery = await insertWinery(db(), newWinery());
    const user = newUserId();
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        createReview(db(), { wineryId: winery.id, userId: user, rating: 5, text: "" }),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.reason === "duplicate")).toHaveLength(7);
    expect(await reviewsOf(winery.id)).toEqual([5]);
  });

  it("finds a review only under its own winery", async () => {
    const winery = await insertWinery(db(), newWinery());
    const other = await insertWinery(db(), newWinery());
    const created = await createReview(db(), {
      wineryId: winery.id,
      userId: newUserId(),
      rating: 4,
      text: "x",
    });
    if (!created.ok) throw new Error("setup failed");
    expect(await findReview(db(), winery.id, created.review.id)).toEqual(created.review);
    expect(await findReview(db(), other.id, created.review.id)).toBeUndefined();
    expect(await findReview(db(), winery.id, "nope")).toBeUndefined();
  });

  it("deletes a review under its own winery only", async () => {
    const winery = await insertWinery(db(), newWinery());
    const kept = await createReview(db(), { wineryId: winery.id, userId: newUserId(), rating: 5, text: "" });
    const removed = await createReview(db(), {
      wineryId: winery.id,
      userId: newUserId(),
      rating: 1,
      text: "",
    });
    if (!kept.ok || !removed.ok) throw new Error("setup failed");

    expect(await deleteReview(db(), MISSING, removed.review.id)).toBe(false);
    expect(await deleteReview(db(), winery.id, removed.review.id)).toBe(true);
    expect(await deleteReview(db(), winery.id, removed.review.id)).toBe(false);
    expect(await reviewsOf(winery.id)).toEqual([5]);

    expect(await deleteReview(db(), winery.id, kept.review.id)).toBe(true);
    expect(await reviewsOf(winery.id)).toEqual([]);
  });

  it("lets the same user review again after deleting", async () => {
    const winery = await insertWinery(db(), newWinery());
    const user = newUserId();
    const first = await createReview(db(), { wineryId: winery.id, userId: user, rating: 1, text: "" });
    if (!first.ok) throw new Error("setup failed");
    await deleteReview(db(), winery.id, first.review.id);
    expect((await createReview(db(), { wineryId: winery.id, userId: user, rating: 4, text: "" })).ok).toBe(
      true,
    );
    expect(await reviewsOf(winery.id)).toEqual([4]);
  });

  it("lists newest first and pages with a keyset cursor, stable under inserts and ties", async () => {
    const winery = await insertWinery(db(), newWinery());
    const originals = new Set<string>();
    // Five reviews in one transaction share created_at, so the id has to break the tie.
    await db()
      .transaction()
      .execute(async (trx) => {
        for (let i = 0; i < 5; i += 1) {
          const result = await createReview(trx, {
            wineryId: winery.id,
            userId: newUserId(),
            rating: 3,
            text: "",
          });
          if (result.ok) originals.add(result.review.id);
        }
      });
    for (let i = 0; i < 6; i += 1) {
      const result = await createReview(db(), {
        wineryId: winery.id,
        userId: newUserId(),
        rating: 4,
        text: `${i}`,
      });
      if (result.ok) originals.add(result.review.id);
    }

    const seen: Review[] = [];
    for (let page = 0; page < 10; page += 1) {
      const last = seen.at(-1);
      const rows = await listReviews(db(), winery.id, {
        limit: 3,
        after: last && { createdAt: last.createdAt, id: last.id },
      });
      seen.push(...rows);
      if (rows.length < 3) break;
      await createReview(db(), { wineryId: winery.id, userId: newUserId(), rating: 5, text: "late" });
    }

    const ids = seen.map((review) => review.id);
    expect(new Set(ids)).toEqual(originals);
    expect(ids).toHaveLength(originals.size);
    for (let i = 1; i < seen.length; i += 1) {
      const [previous, current] = [seen[i - 1] as Review, seen[i] as Review];
      const newerFirst =
        previous.createdAt > current.createdAt ||
        (previous.createdAt.getTime() === current.createdAt.getTime() && previous.id > current.id);
      expect(newerFirst).toBe(true);
    }
    expect(await listReviews(db(), "nope", { limit: 3 })).toEqual([]);
  });

  it("counts reviews by user across wineries", async () => {
    const user = newUserId();
    for (let i = 0; i < 3; i += 1) {
      const winery = await insertWinery(db(), newWinery());
      await createReview(db(), { wineryId: winery.id, userId: user, rating: 5, text: "" });
    }
    expect(await countReviewsByUser(db(), user)).toBe(3);
    expect(await countReviewsByUser(db(), newUserId())).toBe(0);
  });

  it("disappear with their winery (on delete cascade)", async () => {
    const winery = await insertWinery(db(), newWinery());
    const user = newUserId();
    await createReview(db(), { wineryId: winery.id, userId: user, rating: 5, text: "" });
    await db().deleteFrom("wineries").where("id", "=", winery.id).execute();
    expect(await countReviewsByUser(db(), user)).toBe(0);
  });
});
