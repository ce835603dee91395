import { sql } from "kysely";
import { beforeEach, describe, expect, it } from "vitest";
import {
  countWineries,
  findWineriesNear,
  findWineryById,
  insertWinery,
  type NearbyQuery,
  type NearbyWinery,
  updateWinery,
} from "../../src/db/winery.repository.js";
import { backends, truncateAll, useDatabase } from "../support/databases.js";
import { newWinery } from "../support/fixtures.js";

const NAPA = { lat: 38.5, lng: -122.4 };

describe.each(backends)("winery repository on $name", (backend) => {
  const db = useDatabase(backend);
  beforeEach(async () => {
    await truncateAll(db());
  });

  describe("insert, find, update, count", () => {
    it("inserts with defaults and finds the winery by id", async () => {
      const created = await insertWinery(db(), {
        name: "Frog's Leap",
        lat: 38.48,
        lng: -122.403,
        region: "Napa",
      });
      expect(created).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: "Frog's Leap",
        lat: 38.48,
        lng: -122.403,
        region: "Napa",
        website: null,
        averageRating: 0,
        reviewCount: 0,
        createdAt: expect.any(Date),
        updatedAt: created.createdAt,
      });
      expect(await findWineryById(db(), created.id)).toEqual(created);
    });

    it("stores timestamps at millisecond precision so they survive a JS Date round trip", async () => {
      const created = await insertWinery(db(), newWinery());
      const { rows } = await sql<{ exact: boolean }>`
        select created_at = ${created.createdAt}::timestamptz as exact from wineries where id = ${created.id}
      `.execute(db());
      expect(rows).toEqual([{ exact: true }]);
    });

    it("returns undefined for unknown and malformed ids", async () => {
      expect(await findWineryById(db(), "00000000-0000-4000-8000-000000000000")).toBeUndefined();
      expect(await findWineryById(db(), "not-a-uuid")).toBeUndefined();
      expect(await updateWinery(db(), "not-a-uuid", { name: "x" })).toBeUndefined();
    });

    it("updates only the given fields, clears website with null and bumps updatedAt", async () => {
      // No pause: updated_at is strictly later even within one millisecond (db/updated-at.ts).
      const created = await insertWinery(db(), newWinery({ website: "https://example.com" }));
      const renamed = await updateWinery(db(), created.id, { name: "Renamed", region: undefined });
      expect(renamed).toMatchObject({
        name: "Renamed",
        region: created.region,
        website: "https://example.com",
      });
      expect(renamed?.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());
      expect(renamed?.createdAt).toEqual(created.createdAt);

      const cleared = await updateWinery(db(), created.id, { website: null, lat: 10, lng: 20 });
      expect(cleared).toMatchObject({ name: "Renamed", website: null, lat: 10, lng: 20 });
      // Strictly increasing even when two updates land in the same millisecond.
      expect(cleared?.updatedAt.getTime()).toBeGreaterThan(renamed?.updatedAt.getTime() ?? Infinity);
    });

    it("ignores keys that are not winery fields, such as the aggregates", async () => {
      const created = await insertWinery(db(), newWinery());
      const sneaky = { name: "Patched", rating_sum: 500, review_count: 100 };
      const updated = await updateWinery(db(), created.id, sneaky);
      expect(updated).toMatchObject({ name: "Patched", averageRating: 0, reviewCount: 0 });
    });

    it("returns the winery unchanged for an empty patch and undefined for an unknown id", async () => {
      const created = await insertWinery(db(), newWinery());
      expect(await updateWinery(db(), created.id, {})).toEqual(created);
      expect(await updateWinery(db(), "00000000-0000-4000-8000-000000000000", { name: "x" })).toBeUndefined();
    });

    it("rejects coordinates out of range", async () => {
      await expect(insertWinery(db(), newWinery({ lat: 90.5 }))).rejects.toMatchObject({ code: "23514" });
    });

    it("counts wineries as a number", async () => {
      expect(await countWineries(db())).toBe(0);
      await insertWinery(db(), newWinery());
      await insertWinery(db(), newWinery());
      expect(await countWineries(db())).toBe(2);
    });

    it("derives averageRating from the aggregates, rounded to two decimals", async () => {
      const created = await insertWinery(db(), newWinery());
      await db()
        .updateTable("wineries")
        .set({ rating_sum: 13, review_count: 3 })
        .where("id", "=", created.id)
        .execute();
      expect(await findWineryById(db(), created.id)).toMatchObject({ averageRating: 4.33, reviewCount: 3 });
    });
  });

  describe("findWineriesNear", () => {
    it("returns only wineries within the radius, nearest first, with haversine distances", async () => {
      const oneDegreeNorth = await insertWinery(db(), newWinery({ lat: NAPA.lat + 1, lng: NAPA.lng }));
      const here = await insertWinery(db(), newWinery(NAPA));
      const near = await insertWinery(db(), newWinery({ lat: 38.55, lng: -122.45 }));
      await insertWinery(db(), newWinery({ lat: 40, lng: -122.4 }));

      const found = await findWineriesNear(db(), { ...NAPA, radiusMeters: 120_000, limit: 10 });
      expect(found.map((winery) => winery.id)).toEqual([here.id, near.id, oneDegreeNorth.id]);
      expect(found[0]?.distanceMeters).toBe(0);
      // One degree along a meridian is exactly pi/180 of the earth radius.
      expect(found[2]?.distanceMeters).toBeCloseTo((Math.PI / 180) * 6_371_008.8, 3);
      expect(found[2]).toMatchObject({ name: oneDegreeNorth.name, averageRating: 0 });

      const tighter = await findWineriesNear(db(), { ...NAPA, radiusMeters: 100_000, limit: 10 });
      expect(tighter.map((winery) => winery.id)).toEqual([here.id, near.id]);
    });

    it("measures a known pair correctly: Paris to London is about 343.5 km", async () => {
      const london = await insertWinery(db(), newWinery({ lat: 51.5074, lng: -0.1278, region: "London" }));
      const [found] = await findWineriesNear(db(), {
        lat: 48.8566,
        lng: 2.3522,
        radiusMeters: 400_000,
        limit: 5,
      });
      expect(found?.id).toBe(london.id);
      expect(Math.abs((found?.distanceMeters ?? 0) - 343_500) / 343_500).toBeLessThan(0.005);
    });

    it("includes a winery exactly on the radius", async () => {
      const edge = await insertWinery(db(), newWinery({ lat: NAPA.lat + 0.1, lng: NAPA.lng }));
      const exact = (Math.PI / 180) * 0.1 * 6_371_008.8;
      const found = await findWineriesNear(db(), { ...NAPA, radiusMeters: exact + 0.001, limit: 5 });
      expect(found.map((winery) => winery.id)).toEqual([edge.id]);
    });

    it("finds wineries across the antimeridian", async () => {
      const east = await insertWinery(db(), newWinery({ lat: -16.5, lng: 179.98, region: "Fiji" }));
      const west = await insertWinery(db(), newWinery({ lat: -16.5, lng: -179.9, region: "Fiji" }));
      await insertWinery(db(), newWinery({ lat: -16.5, lng: 178.5, region: "Fiji" }));

      const fromEast = await findWineriesNear(db(), {
        lat: -16.5,
        lng: 179.95,
        radiusMeters: 20_000,
        limit: 10,
      });
      expect(fromEast.map((winery) => winery.id)).toEqual([east.id, west.id]);
      // 0.15° of longitude at 16.5° S: 0.15 × cos(16.5°) × 111.195 km ≈ 15.99 km.
      expect(fromEast[1]?.distanceMeters).toBeGreaterThan(15_950);
      expect(fromEast[1]?.distanceMeters).toBeLessThan(16_050);

      const fromWest = await findWineriesNear(db(), {
        lat: -16.5,
        lng: -179.95,
        radiusMeters: 20_000,
        limit: 10,
      });
      expect(fromWest.map((winery) => winery.id)).toEqual([west.id, east.id]);
    });

    it("finds wineries on the far side of a pole", async () => {
      const across = await insertWinery(db(), newWinery({ lat: 89.95, lng: 170, region: "Arctic" }));
      const beside = await insertWinery(db(), newWinery({ lat: 89.95, lng: -5, region: "Arctic" }));
      const south = await insertWinery(db(), newWinery({ lat: -89.9, lng: 100, region: "Antarctic" }));

      const north = await findWineriesNear(db(), { lat: 89.95, lng: -10, radiusMeters: 20_000, limit: 10 });
      expect(north.map((winery) => winery.id)).toEqual([beside.id, across.id]);
      // Over the pole: 0.05° + 0.05° of latitude.
      expect(north[1]?.distanceMeters).toBeCloseTo((Math.PI / 180) * 0.1 * 6_371_008.8, -1);

      const fromSouthPole = await findWineriesNear(db(), {
        lat: -90,
        lng: 0,
        radiusMeters: 12_000,
        limit: 10,
      });
      expect(fromSouthPole.map((winery) => winery.id)).toEqual([south.id]);
    });

    it("pages by (distance, id): every row exactly once, even with inserts between pages", async () => {
      const original = new Set<string>();
      for (let i = 0; i < 20; i += 1) {
        const winery = await insertWinery(
          db(),
          newWinery({ lat: NAPA.lat + ((i * 37) % 19) / 1000, lng: NAPA.lng - ((i * 23) % 17) / 1000 }),
        );
        original.add(winery.id);
      }
      // Ties on distance are ordered by id, including across a page boundary.
      for (let i = 0; i < 4; i += 1) original.add((await insertWinery(db(), newWinery({ lat: 38.51 }))).id);
      await insertWinery(db(), newWinery({ lat: 39.5 }));

      const query: NearbyQuery = { ...NAPA, radiusMeters: 10_000, limit: 5 };
      const seen: NearbyWinery[] = [];
      for (let page = 0; page < 20; page += 1) {
        const last = seen.at(-1);
        const rows = await findWineriesNear(db(), {
          ...query,
          after: last && { distanceMeters: last.distanceMeters, id: last.id },
        });
        seen.push(...rows);
        if (rows.length < query.limit) break;
        // New rows before and after the cursor: the first must not shift the pages, the second shows up later.
        await insertWinery(db(), newWinery(NAPA));
        await insertWinery(db(), newWinery({ lat: NAPA.lat + 0.08 }));
      }

      const ids = seen.map((winery) => winery.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of original) expect(ids.filter((seenId) => seenId === id)).toHaveLength(1);
      for (let i = 1; i < seen.length; i += 1) {
        const [previous, current] = [seen[i - 1] as NearbyWinery, seen[i] as NearbyWinery];
        const ordered =
          previous.distanceMeters < current.distanceMeters ||
          (previous.distanceMeters === current.distanceMeters && previous.id < current.id);
        expect(ordered).toBe(true);
      }
    });

    it("rejects nonsense queries before they reach the database", async () => {
      await expect(findWineriesNear(db(), { lat: 91, lng: 0, radiusMeters: 1, limit: 1 })).rejects.toThrow(
        RangeError,
      );
      await expect(findWineriesNear(db(), { ...NAPA, radiusMeters: -1, limit: 1 })).rejects.toThrow(
        RangeError,
      );
      await expect(findWineriesNear(db(), { ...NAPA, radiusMeters: 1, limit: 0 })).rejects.toThrow(
        RangeError,
      );
      await expect(
        findWineriesNear(db(), { ...NAPA, radiusMeters: 1, limit: 1, after: { distanceMeters: 1, id: "x" } }),
      ).rejects.toThrow(RangeError);
    });
  });
});
