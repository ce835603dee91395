import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_API_KEYS } from "../../src/settings/api-keys.js";
import { settleRatingRollups } from "../support/rating-rollups.js";
import { type RunningStage, startStage } from "./running-stage.js";

/**
 * The API end to end, through the local stage, on whichever database DATABASE_URL names: what a
 * mobile app does, plus the rules that only hold with a real database behind them.
 */
export function describeApiOn(backendName: string, prepare: () => Promise<() => Promise<void>>): void {
  describe(`the API on ${backendName}`, () => {
    let stage: RunningStage;
    let cleanup: () => Promise<void> = async () => {};
    const tokens: Record<string, string> = {};
    // A spot in the Pacific that no seed winery is near, unique to this run.
    const home = { lat: -30 + Math.random(), lng: -140 + Math.random() };

    beforeAll(async () => {
      cleanup = await prepare();
      stage = await startStage();
      tokens.admin = await stage.token("admin-1", ["admin"]);
      tokens.alice = await stage.token("alice");
      tokens.bob = await stage.token("bob");
    });
    afterAll(async () => {
      await stage?.close();
      await cleanup();
    });

    const call = async (
      method: string,
      path: string,
      options: { as?: string; body?: unknown; headers?: Record<string, string> } = {},
    ) => {
      const headers: Record<string, string> = { "x-api-key": LOCAL_API_KEYS.app.value, ...options.headers };
      if (options.as) headers.Authorization = `Bearer ${tokens[options.as]}`;
      if (options.body !== undefined) headers["Content-Type"] ??= "application/json";
      const response = await fetch(`${stage.origin}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: text ? JSON.parse(text) : undefined,
      };
    };
    const createWinery = async (name: string, offsetKm: number) => {
      const created = await call("POST", "/v1/wineries", {
        as: "admin",
        body: { name, lat: home.lat + offsetKm / 111.2, lng: home.lng, region: "Test Region" },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body as { id: string };
    };

    it("creates a winery and finds it nearest first in both versions' shapes", async () => {
      const far = await createWinery("Far Cellars", 9);
      const near = await createWinery("Near Cellars", 1);
      const v1 = await call("GET", `/v1/wineries?lat=${home.lat}&lng=${home.lng}&radiusKm=10`);
      expect(v1.status).toBe(200);
      expect(v1.body.map((w: { id: string }) => w.id)).toEqual([near.id, far.id]);
      expect(v1.body[0].distanceKm).toBeCloseTo(1, 1);
      const v2 = await call("GET", `/v2/wineries?near=${home.lat},${home.lng}&radius=10000`);
      expect(v2.body.items.map((w: { id: string }) => w.id)).toEqual([near.id, far.id]);
      expect(v2.body.items[0]).toMatchObject({
        location: { lat: expect.any(Number) },
        rating: { average: 0, count: 0 },
      });
      expect(Math.abs(v2.body.items[0].distanceMeters - 1000)).toBeLessThan(20);
      const location = (
        await call("POST", "/v1/wineries", { as: "admin", body: { name: "L", lat: 1, lng: 1, region: "R" } })
      ).headers.get("location");
      expect(location).toMatch(/^\/v1\/wineries\/[0-9a-f-]{36}$/);
    });

    it("walks v2 cursor pages without duplicates or gaps, even when a winery is inserted between pages", async () => {
      const spot = { lat: 10 + Math.random(), lng: 170 + Math.random() };
      for (let i = 0; i < 5; i++) {
        await call("POST", "/v1/wineries", {
          as: "admin",
          body: { name: `Page ${i}`, lat: spot.lat + i / 1000, lng: spot.lng, region: "Paging" },
        });
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `/v2/wineries?near=${spot.lat},${spot.lng}&radius=5000&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
        const page = await call("GET", query);
        expect(page.status, JSON.stringify(page.body)).toBe(200);
        seen.push(...page.body.items.map((item: { id: string }) => item.id));
        cursor = page.body.nextCursor;
        if (pages++ === 0) {
          // Nearer than everything: a stable keyset cursor must not shift later pages.
          await call("POST", "/v1/wineries", {
            as: "admin",
            body: { name: "Late", lat: spot.lat, lng: spot.lng, region: "Paging" },
          });
        }
      } while (cursor);
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
      const foreign = await call(
        "GET",
        `/v2/wineries?near=0,0&radius=5000&cursor=${encodeURIComponent("bm90LWEtY3Vyc29y")}`,
      );
      expect(foreign.status).toBe(400);
      expect(foreign.body.errors[0].path).toBe("/query/cursor");
    });

    it("keeps favorites per user, idempotently", async () => {
      const winery = await createWinery("Favorite Cellars", 2);
      expect((await call("PUT", `/v1/me/favorites/${winery.id}`, { as: "alice" })).status).toBe(204);
      expect((await call("PUT", `/v2/me/favorites/${winery.id}`, { as: "alice" })).status).toBe(204);
      expect(
        (await call("GET", "/v1/me/favorites", { as: "alice" })).body.map((w: { id: string }) => w.id),
      ).toEqual([winery.id]);
      expect((await call("GET", "/v1/me/favorites", { as: "bob" })).body).toEqual([]);
      const v2 = await call("GET", "/v2/me/favorites", { as: "alice" });
      expect(v2.body.items[0].winery.id).toBe(winery.id);
      expect((await call("PUT", `/v1/me/favorites/${randomUUID()}`, { as: "alice" })).status).toBe(404);
      expect((await call("DELETE", `/v1/me/favorites/${winery.id}`, { as: "alice" })).status).toBe(204);
      expect((await call("DELETE", `/v2/me/favorites/${winery.id}`, { as: "alice" })).status).toBe(204);
      expect((await call("GET", "/v1/me/favorites", { as: "alice" })).body).toEqual([]);
      expect((await call("GET", "/v1/me/favorites")).status).toBe(401);
    });

    it("allows one review per user and winery, keeps the rating current, and lets only the author or an admin delete", async () => {
      const winery = await createWinery("Reviewed Cellars", 3);
      const first = await call("POST", `/v1/wineries/${winery.id}/reviews`, {
        as: "alice",
        body: { rating: 5, text: "Lovely" },
      });
      expect(first.status).toBe(201);
      expect(
        (await call("POST", `/v2/wineries/${winery.id}/reviews`, { as: "alice", body: { rating: 1 } }))
          .status,
      ).toBe(409);
      const bobs = await call("POST", `/v2/wineries/${winery.id}/reviews`, {
        as: "bob",
        body: { rating: 2 },
      });
      expect(bobs.status).toBe(201);
      // The rating is a roll-up kept by a queue consumer: it follows the reviews once that has run.
      expect((await call("GET", `/v1/wineries/${winery.id}`)).body).toMatchObject({ reviewCount: 0 });
      await settleRatingRollups();
      expect((await call("GET", `/v1/wineries/${winery.id}`)).body).toMatchObject({
        averageRating: 3.5,
        reviewCount: 2,
      });
      const reviews = await call("GET", `/v2/wineries/${winery.id}/reviews`);
      expect(reviews.body.items.map((r: { id: string }) => r.id)).toEqual([bobs.body.id, first.body.id]);
      const path = `/v2/wineries/${winery.id}/reviews/${first.body.id}`;
      expect((await call("DELETE", path, { as: "bob" })).status).toBe(403);
      expect((await call("DELETE", path, { as: "alice" })).status).toBe(204);
      expect((await call("DELETE", path, { as: "alice" })).status).toBe(404);
      expect(
        (await call("DELETE", `/v2/wineries/${winery.id}/reviews/${bobs.body.id}`, { as: "admin" })).status,
      ).toBe(204);
      await settleRatingRollups();
      expect((await call("GET", `/v2/wineries/${winery.id}`)).body.rating).toEqual({ average: 0, count: 0 });
      expect((await call("GET", `/v1/wineries/${randomUUID()}/reviews`)).status).toBe(404);
    });

    it("reports the caller's profile with counts", async () => {
      const winery = await createWinery("Profile Cellars", 4);
      await call("PUT", `/v2/me/favorites/${winery.id}`, { as: "bob" });
      const me = await call("GET", "/v2/me", { as: "bob" });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: "bob", groups: [], favoritesCount: 1 });
    });

    it("creates once per Idempotency-Key, replays the first answer, and refuses the key for another body", async () => {
      const key = `test-${randomUUID()}`;
      const body = {
        name: "Idem Cellars",
        location: { lat: home.lat, lng: home.lng + 0.05 },
        region: "Test Region",
      };
      const attempts = await Promise.all(
        [1, 2, 3].map(() =>
          call("POST", "/v2/wineries", { as: "admin", body, headers: { "Idempotency-Key": key } }),
        ),
      );
      expect(attempts.map((attempt) => attempt.status)).toEqual([201, 201, 201]);
      expect(new Set(attempts.map((attempt) => attempt.body.id)).size).toBe(1);
      const other = await call("POST", "/v2/wineries", {
        as: "admin",
        body: { ...body, name: "Other" },
        headers: { "Idempotency-Key": key },
      });
      expect(other.status).toBe(422);
      expect(other.headers.get("content-type")).toBe("application/problem+json");
    });

    it("applies a JSON merge patch: absent fields stay, null removes the website", async () => {
      const created = await call("POST", "/v2/wineries", {
        as: "admin",
        body: {
          name: "Patch Cellars",
          location: { lat: home.lat, lng: home.lng },
          region: "R",
          website: "https://patch.example",
        },
      });
      const path = `/v2/wineries/${created.body.id}`;
      const patch = (body: unknown, as = "admin") =>
        call("PATCH", path, { as, body, headers: { "Content-Type": "application/merge-patch+json" } });
      const renamed = await patch({ name: "Renamed", website: null });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ name: "Renamed", region: "R" });
      expect(renamed.body.website).toBeUndefined();
      expect((await patch({ name: "x" }, "alice")).status).toBe(403);
      expect((await call("PATCH", path, { as: "admin", body: { name: "x" } })).status).toBe(415);
      expect(
        (
          await call("PATCH", `/v2/wineries/${randomUUID()}`, {
            as: "admin",
            body: { name: "x" },
            headers: { "Content-Type": "application/merge-patch+json" },
          })
        ).status,
      ).toBe(404);
    });

    it("lets only an admin delete a winery, taking its reviews and favorites with it", async () => {
      const winery = await createWinery("Doomed Cellars", 6);
      const path = `/v2/wineries/${winery.id}`;
      const counts = async () => {
        const { favoritesCount, reviewsCount } = (await call("GET", "/v2/me", { as: "alice" })).body;
        return { favoritesCount, reviewsCount };
      };
      const before = await counts();
      expect((await call("PUT", `/v2/me/favorites/${winery.id}`, { as: "alice" })).status).toBe(204);
      expect((await call("POST", `${path}/reviews`, { as: "alice", body: { rating: 3 } })).status).toBe(201);
      expect((await call("DELETE", path)).status).toBe(401);
      expect((await call("DELETE", path, { as: "alice" })).status).toBe(403);

      const deleted = await call("DELETE", path, { as: "admin" });
      expect(deleted.status).toBe(204);
      expect(deleted.body).toBeUndefined();
      // The review's rating event is still queued: consuming it for a deleted winery must be harmless.
      await settleRatingRollups();
      expect((await call("GET", path)).status).toBe(404);
      expect((await call("GET", `${path}/reviews`)).status).toBe(404);
      expect(await counts()).toEqual(before);
      expect((await call("DELETE", path, { as: "admin" })).status).toBe(404);
    });

    it("answers wrong types with a 400 problem naming the field", async () => {
      const response = await call("GET", "/v1/wineries?lat=north&lng=-122.4");
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(response.body.errors).toContainEqual({ path: "/query/lat", message: "must be number" });
    });

    it("stores SQL metacharacters verbatim", async () => {
      const name = `Robert'); DROP TABLE wineries;-- "x" \\ %_`;
      const created = await call("POST", "/v1/wineries", {
        as: "admin",
        body: { name, lat: 0.5, lng: 0.5, region: "R" },
      });
      expect((await call("GET", `/v1/wineries/${created.body.id}`)).body.name).toBe(name);
    });
  });
}
