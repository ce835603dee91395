import { describe, expect, it } from "vitest";
import {
  findRatingDrift,
  rebuildAllWineryRatings,
  refreshWineryRating,
} from "../../src/db/rating-rollup.repository.js";
import { createReview, deleteReview } from "../../src/db/review.repository.js";
import { findWineryById, insertWinery } from "../../src/db/winery.repository.js";
import { backends, useDatabase } from "../support/databases.js";
import { newUserId, newWinery } from "../support/fixtures.js";

const MISSING = "00000000-0000-4000-8000-000000000000";

describe.each(backends)("rating roll-up repository on $name", (backend) => {
  const db = useDatabase(backend);

  async function reviewed(ratings: number[]) {
    const winery = await insertWinery(db(), newWinery());
    for (const rating of ratings) {
      await createReview(db(), { wineryId: winery.id, userId: newUserId(), rating, text: "" });
    }
    return winery;
  }

  it("leaves the roll-up alone on review writes, until the winery is refreshed", async () => {
    const winery = await reviewed([5, 4, 5]);
    expect(await findWineryById(db(), winery.id)).toMatchObject({ reviewCount: 0, averageRating: 0 });

    expect(await refreshWineryRating(db(), winery.id)).toBe("changed");
    expect(await findWineryById(db(), winery.id)).toMatchObject({ reviewCount: 3, averageRating: 4.67 });
  });

  it("moves updatedAt only when the totals change, so a repeated refresh is a no-op", async () => {
    const winery = await reviewed([3]);
    await refreshWineryRating(db(), winery.id);
    const refreshed = await findWineryById(db(), winery.id);
    expect(refreshed?.updatedAt.getTime()).toBeGreaterThan(winery.updatedAt.getTime());

    expect(await refreshWineryRating(db(), winery.id)).toBe("unchanged");
    expect(await findWineryById(db(), winery.id)).toEqual(refreshed);
  });

  it("follows deletes back down to no reviews", async () => {
    const winery = await insertWinery(db(), newWinery());
    const created = await createReview(db(), {
      wineryId: winery.id,
      userId: newUserId(),
      rating: 2,
      text: "",
    });
    if (!created.ok) throw new Error("setup failed");
    await refreshWineryRating(db(), winery.id);
    await deleteReview(db(), winery.id, created.review.id);
    expect(await refreshWineryRating(db(), winery.id)).toBe("changed");
    expect(await findWineryById(db(), winery.id)).toMatchObject({ reviewCount: 0, averageRating: 0 });
  });

  it("reports no-winery for unknown and malformed ids", async () => {
    expect(await refreshWineryRating(db(), MISSING)).toBe("no-winery");
    expect(await refreshWineryRating(db(), "nope")).toBe("no-winery");
  });

  it("finds drifted roll-ups, and a rebuild corrects exactly those", async () => {
    const stale = await reviewed([1, 2]);
    const corrupted = await reviewed([]);
    await db()
      .updateTable("wineries")
      .set({ rating_sum: 9, review_count: 2 })
      .where("id", "=", corrupted.id)
      .execute();

    const drift = await findRatingDrift(db());
    expect(drift).toEqual(
      expect.arrayContaining([
        {
          wineryId: stale.id,
          stored: { ratingSum: 0, reviewCount: 0 },
          recomputed: { ratingSum: 3, reviewCount: 2 },
        },
        {
          wineryId: corrupted.id,
          stored: { ratingSum: 9, reviewCount: 2 },
          recomputed: { ratingSum: 0, reviewCount: 0 },
        },
      ]),
    );

    const phases: string[] = [];
    const result = await rebuildAllWineryRatings(db(), (step) => phases.push(step.phase));
    expect(phases).toEqual(["locked", "rebuilt"]);
    expect(result.changed).toBe(drift.length);
    expect(result.wineries).toBeGreaterThanOrEqual(2);
    expect(await findRatingDrift(db())).toEqual([]);
    expect(await findWineryById(db(), stale.id)).toMatchObject({ reviewCount: 2, averageRating: 1.5 });
    expect(await findWineryById(db(), corrupted.id)).toMatchObject({ reviewCount: 0, averageRating: 0 });
    expect((await rebuildAllWineryRatings(db())).changed).toBe(0);
  });

  it("converges under concurrent reviews, each followed by its own refresh", async () => {
    const winery = await insertWinery(db(), newWinery());
    const ratings = Array.from({ length: 30 }, (_, i) => (i % 5) + 1);
    await Promise.all(
      ratings.map(async (rating) => {
        await createReview(db(), { wineryId: winery.id, userId: newUserId(), rating, text: "" });
        await refreshWineryRating(db(), winery.id);
      }),
    );
    expect(await findWineryById(db(), winery.id)).toMatchObject({ reviewCount: 30, averageRating: 3 });
  });

  it("never lets a rebuild write back totals older than a concurrent refresh's", async () => {
    const winery = await insertWinery(db(), newWinery());
    await Promise.all([
      ...Array.from({ length: 20 }, async (_, i) => {
        await createReview(db(), { wineryId: winery.id, userId: newUserId(), rating: (i % 5) + 1, text: "" });
        await refreshWineryRating(db(), winery.id);
      }),
      rebuildAllWineryRatings(db()),
      rebuildAllWineryRatings(db()),
    ]);
    expect(await findWineryById(db(), winery.id)).toMatchObject({ reviewCount: 20, averageRating: 3 });
  });
});
