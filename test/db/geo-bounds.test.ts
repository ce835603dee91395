import { describe, expect, it } from "vitest";
import { boundingBoxes, EARTH_RADIUS_METERS } from "../../src/db/geo-bounds.js";

const METERS_PER_DEGREE = (Math.PI * EARTH_RADIUS_METERS) / 180;

describe("boundingBoxes", () => {
  it("is one box, one degree of latitude tall per 111 km, wider in longitude away from the equator", () => {
    const [box, ...rest] = boundingBoxes(60, 10, METERS_PER_DEGREE);
    expect(rest).toEqual([]);
    expect(box?.minLat).toBeCloseTo(59, 6);
    expect(box?.maxLat).toBeCloseTo(61, 6);
    // At 60° a degree of longitude is half as long, and the cap's extent is a little more than 2°.
    expect((box?.maxLng ?? 0) - 10).toBeGreaterThan(2);
    expect((box?.maxLng ?? 0) - 10).toBeLessThan(2.1);
  });

  it("splits in two across the antimeridian", () => {
    expect(boundingBoxes(0, 179.9, 50_000)).toEqual([
      {
        minLat: expect.any(Number),
        maxLat: expect.any(Number),
        minLng: expect.closeTo(179.45, 2),
        maxLng: 180,
      },
      {
        minLat: expect.any(Number),
        maxLat: expect.any(Number),
        minLng: -180,
        maxLng: expect.closeTo(-179.65, 2),
      },
    ]);
    expect(boundingBoxes(0, -179.9, 50_000)).toHaveLength(2);
  });

  it("spans every longitude when the circle reaches a pole", () => {
    expect(boundingBoxes(89.9, 45, 50_000)).toEqual([
      { minLat: expect.closeTo(89.45, 2), maxLat: 90, minLng: -180, maxLng: 180 },
    ]);
    expect(boundingBoxes(-89.9, 45, 50_000)).toEqual([
      { minLat: -90, maxLat: expect.closeTo(-89.45, 2), minLng: -180, maxLng: 180 },
    ]);
  });

  it("covers the whole globe for a radius past the antipode", () => {
    expect(boundingBoxes(10, 10, 30_000_000)).toEqual([
      { minLat: -90, maxLat: 90, minLng: -180, maxLng: 180 },
    ]);
  });
});
