import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as v1 from "../../sdk/src/generated/v1.gen.js";
import * as v2 from "../../sdk/src/generated/v2.gen.js";
import type { RunningStage } from "../api/running-stage.js";
import { methodNames, recordCalls } from "./support/call-recorder.js";
import { startSdkStage } from "./support/sdk-stage.js";

/** Rejection of a promise, for assertions on typed errors. */
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error,
  );

describe("the SDK against the running local stage, every operation of both versions", () => {
  let stage: RunningStage;
  const tokens: Record<string, string> = {};
  const calledV1 = new Set<string>();
  const calledV2 = new Set<string>();
  const clientV1 = (as?: string) =>
    recordCalls(
      v1.createClient({ baseUrl: stage.origin, getToken: () => (as ? tokens[as] : undefined) }),
      calledV1,
    );
  const clientV2 = (as?: string) =>
    recordCalls(
      v2.createClient({
        baseUrl: stage.origin,
        apiKey: stage.apiKey,
        getToken: () => (as ? tokens[as] : undefined),
      }),
      calledV2,
    );
  // A spot no other winery of this (fresh) database is near.
  const home = { lat: 12.5, lng: -150.25 };
  const near = `${home.lat},${home.lng}`;

  beforeAll(async () => {
    stage = await startSdkStage();
    tokens.admin = await stage.token("admin-1", ["admin"]);
    tokens.alice = await stage.token("alice");
    tokens.bob = await stage.token("bob");
  });
  afterAll(() => stage?.close());

  describe("v1", () => {
    let wineryId = "";

    it("pings", async () => {
      await expect(clientV1().ping()).resolves.toMatchObject({ status: "ok", version: "v1" });
    });

    it("creates a winery as an admin, and refuses anyone else with typed errors", async () => {
      const body = { name: "Sdk Cellars", lat: home.lat, lng: home.lng, region: "Test Region" };
      const created = await clientV1("admin").createWinery({ body });
      expect(created).toMatchObject({ ...body, averageRating: 0, reviewCount: 0 });
      wineryId = created.id;
      const forbidden = await failure(clientV1("alice").createWinery({ body }));
      expect(v1.isApiError<v1.CreateWineryError>(forbidden, 403)).toBe(true);
      const anonymous = await failure(clientV1().createWinery({ body }));
      expect(v1.isApiError(anonymous, 401)).toBe(true);
    });

    it("lists wineries near a point with their distance, and reports bad input as a 400 problem", async () => {
      const list = await clientV1().listWineries({ lat: home.lat, lng: home.lng, radiusKm: 5 });
      expect(list.map((winery) => winery.id)).toEqual([wineryId]);
      expect(list[0]!.distanceKm).toBe(0);
      const error = await failure(clientV1().listWineries({ lat: 200, lng: 0 }));
      if (!v1.isApiError<v1.ListWineriesError>(error, 400)) throw error;
      expect(error.body.errors?.map((entry) => entry.path)).toEqual(["/query/lat"]);
    });

    it("gets a winery, and a missing one is a 404 ApiError", async () => {
      await expect(clientV1().getWinery({ wineryId })).resolves.toMatchObject({ id: wineryId });
      const error = await failure(clientV1().getWinery({ wineryId: "00000000-0000-4000-8000-000000000000" }));
      expect(error).toBeInstanceOf(v1.ApiError);
      expect((error as v1.ApiError).status).toBe(404);
    });

    it("creates and lists reviews; a second review by the same user is a 409", async () => {
      const review = await clientV1("alice").createReview({ wineryId, body: { rating: 4, text: "Crisp." } });
      expect(review).toMatchObject({ wineryId, userId: "alice", rating: 4, text: "Crisp." });
      expect(
        v1.isApiError(await failure(clientV1("alice").createReview({ wineryId, body: { rating: 5 } })), 409),
      ).toBe(true);
      const reviews = await clientV1().listReviews({ wineryId, limit: 10 });
      expect(reviews.map((entry) => entry.id)).toEqual([review.id]);
    });

    it("adds, lists and removes favorites", async () => {
      await clientV1("alice").putFavorite({ wineryId });
      expect((await clientV1("alice").listFavorites()).map((winery) => winery.id)).toEqual([wineryId]);
      await clientV1("alice").deleteFavorite({ wineryId });
      await expect(clientV1("alice").listFavorites()).resolves.toEqual([]);
    });
  });

  describe("v2", () => {
    const ids: string[] = [];

    it("pings", async () => {
      await expect(clientV2().ping()).resolves.toMatchObject({ status: "ok", version: "v2" });
    });

    it("creates wineries idempotently: the same Idempotency-Key twice creates one", async () => {
      const api = clientV2("admin");
      for (const [index, offset] of [0.001, 0.002, 0.003, 0.004, 0.005].entries()) {
        const body = {
          name: `V2 Cellars ${index}`,
          location: { lat: home.lat + offset, lng: home.lng },
          region: "R",
        };
        const first = await api.createWinery({ idempotencyKey: `sdk-test:${index}`, body });
        const again = await api.createWinery({ idempotencyKey: `sdk-test:${index}`, body });
        expect(again.id).toBe(first.id);
        ids.push(first.id);
      }
      const reused = await failure(
        api.createWinery({
          idempotencyKey: "sdk-test:0",
          body: { name: "Other", location: { lat: 0, lng: 0 }, region: "R" },
        }),
      );
      expect(v2.isApiError(reused, 422)).toBe(true);
    });

    it("starts a bulk import and reports on it; only admins may", async () => {
      const api = clientV2("admin");
      // Far from `home`: a worker may import these, and the page tests must not see them.
      const rows = [0, 1].map((i) => ({
        name: `Sdk Import ${i}`,
        location: { lat: -60, lng: 10 + i },
        region: "R",
      }));
      const accepted = await api.createImport({ idempotencyKey: "sdk-test:import", body: rows });
      expect(accepted).toMatchObject({ counts: { total: 2 } });
      const again = await api.createImport({ idempotencyKey: "sdk-test:import", body: rows });
      expect(again.id).toBe(accepted.id);
      await expect(api.getImport({ importId: accepted.id })).resolves.toMatchObject({ id: accepted.id });
      const forbidden = await failure(clientV2("alice").getImport({ importId: accepted.id }));
      expect(v2.isApiError<v2.GetImportError>(forbidden, 403)).toBe(true);
    });

    it("lists one page at a time, and paginate walks every page", async () => {
      const page = await clientV2().listWineries({ near, radius: 2_000, limit: 2 });
      expect(page.items).toHaveLength(2);
      expect(page.nextCursor).toEqual(expect.any(String));
      const all: v2.WineryNear[] = [];
      for await (const winery of clientV2().paginate.listWineries({ near, radius: 2_000, limit: 2 })) {
        all.push(winery);
      }
      // The v1 winery sits exactly at home, then the five v2 ones northwards, nearest first.
      expect(all.slice(1).map((winery) => winery.id)).toEqual(ids);
      expect(all.map((winery) => winery.distanceMeters)).toEqual(
        [...all.map((winery) => winery.distanceMeters)].sort((a, b) => a - b),
      );
    });

    it("gets and merge-patches a winery", async () => {
      const wineryId = ids[0]!;
      await expect(clientV2().getWinery({ wineryId })).resolves.toMatchObject({
        id: wineryId,
        rating: { count: 0 },
      });
      const patched = await clientV2("admin").patchWinery({
        wineryId,
        body: { name: "Patched Cellars", website: "https://patched.example" },
      });
      expect(patched).toMatchObject({ name: "Patched Cellars", website: "https://patched.example" });
      const cleared = await clientV2("admin").patchWinery({ wineryId, body: { website: null } });
      expect(cleared.website).toBeUndefined();
      expect(
        v2.isApiError(await failure(clientV2("bob").patchWinery({ wineryId, body: { name: "x" } })), 403),
      ).toBe(true);
    });

    it("creates, pages through and deletes reviews", async () => {
      const wineryId = ids[1]!;
      const bobs = await clientV2("bob").createReview({ wineryId, body: { rating: 5, text: "Superb." } });
      const alices = await clientV2("alice").createReview({ wineryId, body: { rating: 3 } });
      expect(bobs.author.id).toBe("bob");
      const first = await clientV2().listReviews({ wineryId, limit: 1 });
      expect(first.items.map((review) => review.id)).toEqual([alices.id]);
      const every: string[] = [];
      for await (const review of clientV2().paginate.listReviews({ wineryId, limit: 1 }))
        every.push(review.id);
      expect(every).toEqual([alices.id, bobs.id]);
      expect(
        v2.isApiError(await failure(clientV2("alice").deleteReview({ wineryId, reviewId: bobs.id })), 403),
      ).toBe(true);
      await clientV2("bob").deleteReview({ wineryId, reviewId: bobs.id });
      const gone = await failure(clientV2("bob").deleteReview({ wineryId, reviewId: bobs.id }));
      expect(v2.isApiError(gone, 404)).toBe(true);
    });

    it("manages favorites and reports them in getMe", async () => {
      const api = clientV2("alice");
      await api.putFavorite({ wineryId: ids[2]! });
      await api.putFavorite({ wineryId: ids[3]! });
      const page = await api.listFavorites({ limit: 1 });
      expect(page.items.map((favorite) => favorite.winery.id)).toEqual([ids[3]]);
      const all: string[] = [];
      for await (const favorite of api.paginate.listFavorites({ limit: 1 })) all.push(favorite.winery.id);
      expect(all).toEqual([ids[3], ids[2]]);
      await api.deleteFavorite({ wineryId: ids[3]! });
      await expect(api.getMe()).resolves.toMatchObject({ id: "alice", favoritesCount: 1 });
    });

    it("deletes a winery, admins only", async () => {
      // Far from `home`, like the imports: the page tests must not see it.
      const { id: wineryId } = await clientV2("admin").createWinery({
        body: { name: "Doomed Cellars", location: { lat: -60, lng: 20 }, region: "R" },
      });
      const refused = await failure(clientV2("alice").deleteWinery({ wineryId }));
      expect(v2.isApiError<v2.DeleteWineryError>(refused, 403)).toBe(true);
      await expect(clientV2("admin").deleteWinery({ wineryId })).resolves.toBeUndefined();
      expect(v2.isApiError(await failure(clientV2().getWinery({ wineryId })), 404)).toBe(true);
    });

    it("refreshes a token the stage refuses, once, and goes on", async () => {
      let refreshes = 0;
      const api = v2.createClient({
        baseUrl: stage.origin,
        apiKey: stage.apiKey,
        getToken: () => "not-a-jwt",
        refreshToken: async () => {
          refreshes++;
          return tokens.bob;
        },
      });
      await expect(api.getMe()).resolves.toMatchObject({ id: "bob" });
      expect(refreshes).toBe(1);
    });
  });

  it("sends the apiKey option as x-api-key to keyed operations only; without it they answer 403", async () => {
    const seen: Array<[string, string | null]> = [];
    const spy = (request: Request) => {
      seen.push([new URL(request.url).pathname, request.headers.get("x-api-key")]);
      return fetch(request);
    };
    const keyed = v2.createClient({ baseUrl: stage.origin, apiKey: stage.apiKey, fetch: spy });
    await keyed.ping();
    await keyed.listWineries({ near: "1,1", radius: 10 });
    await v1.createClient({ baseUrl: stage.origin, apiKey: stage.apiKey, fetch: spy }).ping();
    expect(seen).toEqual([
      ["/v2/ping", null],
      ["/v2/wineries", stage.apiKey],
      ["/v1/ping", null],
    ]);
    const keyless = v2.createClient({ baseUrl: stage.origin, retry: false });
    const refused = await failure(keyless.listWineries({ near: "1,1", radius: 10 }));
    expect(v2.isApiError(refused, 403)).toBe(true);
    expect((refused as v2.ApiError).body).toMatchObject({
      type: "https://cellar.dev/problems/invalid-api-key",
    });
  });

  it("called every method of both clients", () => {
    const all = (module: typeof v1 | typeof v2) =>
      methodNames(module.createClient({ baseUrl: stage.origin })).sort();
    expect([...calledV1].sort()).toEqual(all(v1));
    expect([...calledV2].sort()).toEqual(all(v2));
  });
});
