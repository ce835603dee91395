import { describe, expect, it } from "vitest";
import { countWineries, findWineriesNear } from "../../src/db/winery.repository.js";
import { sampleWineries } from "../../src/seed/sample-wineries.js";
import { seedSampleWineries } from "../../src/seed/seed.js";
import { backends, truncateAll, useDatabase } from "../support/databases.js";

describe("sample wineries", () => {
  it("are about forty, spread over at least a dozen regions, with https websites or none", () => {
    expect(sampleWineries.length).toBeGreaterThanOrEqual(35);
    expect(new Set(sampleWineries.map((winery) => winery.region)).size).toBeGreaterThanOrEqual(12);
    for (const winery of sampleWineries) {
      expect(winery.website ?? "https://").toMatch(/^https:\/\//);
    }
    expect(new Set(sampleWineries.map((winery) => winery.name)).size).toBe(sampleWineries.length);
  });
});

describe.each(backends)("seedSampleWineries on $name", (backend) => {
  const db = useDatabase(backend);

  it("seeds an empty table once, then inserts nothing", async () => {
    expect(await seedSampleWineries(db())).toBe(sampleWineries.length);
    expect(await seedSampleWineries(db())).toBe(0);
    expect(await countWineries(db())).toBe(sampleWineries.length);
  });

  it("puts at least five wineries within 25 km of (38.5, -122.4)", async () => {
    const near = await findWineriesNear(db(), { lat: 38.5, lng: -122.4, radiusMeters: 25_000, limit: 50 });
    expect(near.length).toBeGreaterThanOrEqual(5);
    expect(near.every((winery) => winery.region === "Napa Valley" || winery.region === "Sonoma County")).toBe(
      true,
    );
  });

  it("seeds only once when several processes start at the same time", async () => {
    await truncateAll(db());
    const inserted = await Promise.all([
      seedSampleWineries(db()),
      seedSampleWineries(db()),
      seedSampleWineries(db()),
    ]);
    expect(inserted.sort((a, b) => a - b)).toEqual([0, 0, sampleWineries.length]);
    expect(await countWineries(db())).toBe(sampleWineries.length);
  });
});
