import { describe, expect, it } from "vitest";
import { NEGLIGIBLE_DEGREES, normalizeDegrees } from "../../src/db/coordinates.js";
import { findWineriesNear, insertWinery, updateWinery } from "../../src/db/winery.repository.js";
import { backends, useDatabase } from "../support/databases.js";
import { newWinery } from "../support/fixtures.js";

/** Valid by the spec (any number within the range), but each squared or multiplied underflows. */
const tinyDegrees = (i: number) => (i % 2 ? 1 : -1) * 1e-200 * (((i * 7919) % 1000) + 1);

describe.each(backends)("coordinates near zero on $name", (backend) => {
  const db = useDatabase(backend);

  it("do not poison the GiST index: a page of tiny points, then more inserts, updates and searches", async () => {
    // Unguarded, Postgres fails every insert after about 190 of these with "value out of range:
    // underflow", raised by the index's box-area arithmetic: one client's data breaks everyone's writes.
    for (let i = 0; i < 220; i++) {
      await insertWinery(db(), newWinery({ lat: tinyDegrees(i), lng: tinyDegrees(i * 3 + 1) }));
    }
    const normal = await insertWinery(db(), newWinery({ lat: 0.5, lng: 0.5 }));
    expect(await updateWinery(db(), normal.id, { lat: 5e-324, lng: -1e-300 })).toMatchObject({
      lat: 0,
      lng: 0,
    });
    const near = await findWineriesNear(db(), { lat: -5e-324, lng: 1e-300, radiusMeters: 1000, limit: 500 });
    expect(near.length).toBeGreaterThanOrEqual(221);
    expect(near.every((winery) => winery.lat === 0 && winery.lng === 0 && winery.distanceMeters === 0)).toBe(
      true,
    );
  });
});

describe("normalizeDegrees", () => {
  it("flushes magnitudes below a nanodegree to 0 and keeps everything else exactly", () => {
    expect([5e-324, -1e-300, 9.99e-10, -0].map(normalizeDegrees)).toEqual([0, 0, 0, 0]);
    expect([NEGLIGIBLE_DEGREES, -38.12345678901234, 90, -180].map(normalizeDegrees)).toEqual([
      NEGLIGIBLE_DEGREES,
      -38.12345678901234,
      90,
      -180,
    ]);
  });
});
