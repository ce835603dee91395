import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { addFavorite, countFavorites } from "../../src/db/favorite.repository.js";
import { findImportById, insertImport } from "../../src/db/import.repository.js";
import { insertWineriesWithIds, recordImportRowOutcomes } from "../../src/db/import-row.repository.js";
import { countReviewsByUser, createReview, findReview } from "../../src/db/review.repository.js";
import { deleteWineryById, findWineryById, insertWinery } from "../../src/db/winery.repository.js";
import { backends, useDatabase } from "../support/databases.js";
import { newUserId, newWinery } from "../support/fixtures.js";

const MISSING_WINERY = "00000000-0000-4000-8000-000000000000";

describe.each(backends)("deleteWineryById on $name", (backend) => {
  const db = useDatabase(backend);

  async function reviewOf(wineryId: string, userId: string) {
    const result = await createReview(db(), { wineryId, userId, rating: 4, text: "" });
    if (!result.ok) throw new Error(`could not review ${wineryId}: ${result.reason}`);
    return result.review;
  }

  it("deletes the winery: true once, then false", async () => {
    const winery = await insertWinery(db(), newWinery());
    expect(await deleteWineryById(db(), winery.id)).toBe(true);
    expect(await findWineryById(db(), winery.id)).toBeUndefined();
    expect(await deleteWineryById(db(), winery.id)).toBe(false);
  });

  it("answers false for unknown and malformed ids, deleting nothing", async () => {
    const kept = await insertWinery(db(), newWinery());
    expect(await deleteWineryById(db(), MISSING_WINERY)).toBe(false);
    expect(await deleteWineryById(db(), "not-a-uuid")).toBe(false);
    expect(await findWineryById(db(), kept.id)).toEqual(kept);
  });

  it("removes the winery's reviews and favorites, and only those", async () => {
    const [alice, bob] = [newUserId(), newUserId()];
    const doomed = await insertWinery(db(), newWinery());
    const kept = await insertWinery(db(), newWinery());
    const doomedReview = await reviewOf(doomed.id, alice);
    await reviewOf(doomed.id, bob);
    const keptReview = await reviewOf(kept.id, alice);
    for (const user of [alice, bob]) await addFavorite(db(), user, doomed.id);
    await addFavorite(db(), alice, kept.id);

    expect(await deleteWineryById(db(), doomed.id)).toBe(true);

    expect(await findReview(db(), doomed.id, doomedReview.id)).toBeUndefined();
    expect(await countReviewsByUser(db(), bob)).toBe(0);
    expect(await countFavorites(db(), bob)).toBe(0);
    expect(await findReview(db(), kept.id, keptReview.id)).toEqual(keptReview);
    expect(await countReviewsByUser(db(), alice)).toBe(1);
    expect(await countFavorites(db(), alice)).toBe(1);
  });

  it("leaves the import that created the winery counting its row as imported", async () => {
    const importId = await insertImport(db(), { createdBy: newUserId(), chunkSize: 500, rows: [{}] });
    const wineryId = randomUUID();
    await insertWineriesWithIds(db(), [{ ...newWinery(), id: wineryId }]);
    await recordImportRowOutcomes(db(), importId, [{ rowIndex: 0, wineryId }]);

    expect(await deleteWineryById(db(), wineryId)).toBe(true);

    const job = await findImportById(db(), importId);
    expect(job?.counts).toEqual({ total: 1, imported: 1, failed: 0, pending: 0 });
  });
});
