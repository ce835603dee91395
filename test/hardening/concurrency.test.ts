import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settleRatingRollups } from "../support/rating-rollups.js";
import { call } from "./support/hardening-stage.js";
import { stageBackends, useStage } from "./support/stage-backends.js";

const PARALLEL = 50;
const MERGE_PATCH = { "Content-Type": "application/merge-patch+json" };
const savedPoolMax = process.env.DATABASE_POOL_MAX;

// Enough connections that Postgres really runs the transactions side by side and lock waits happen.
beforeAll(() => {
  process.env.DATABASE_POOL_MAX = "20";
});
afterAll(() => {
  if (savedPoolMax === undefined) delete process.env.DATABASE_POOL_MAX;
  else process.env.DATABASE_POOL_MAX = savedPoolMax;
});

const mean = (ratings: number[]) =>
  ratings.length === 0 ? 0 : Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 100) / 100;

/**
 * Many callers at once through the local stage: no lost update in the rating roll-ups, no
 * deadlock (everything answers, nothing 5xx), no duplicate favorite or idempotent creation.
 */
describe.each(stageBackends)("$name under concurrent writers", (backend) => {
  const stage = useStage(backend);
  let admin = "";
  const users = async (label: string, count = PARALLEL) =>
    Promise.all(Array.from({ length: count }, (_, i) => stage().token(`${label}-${i}-${randomUUID()}`)));
  const createWinery = async (name: string) => {
    const created = await call(stage(), "POST", "/v1/wineries", {
      token: admin,
      body: { name, lat: -45 + Math.random(), lng: 100 + Math.random(), region: "Concurrency" },
    });
    expect(created.status, created.text).toBe(201);
    return (created.body as { id: string }).id;
  };
  const expectNoServerErrors = (responses: Array<{ status: number; text: string }>) => {
    const failed = responses.filter((response) => response.status >= 500);
    expect(failed.map((response) => `${response.status} ${response.text}`)).toEqual([]);
  };

  beforeAll(async () => {
    admin = await stage().token("concurrency-admin", ["admin"]);
  });

  it(`counts every one of ${PARALLEL} reviews written at once by different users, in both versions`, async () => {
    const wineryId = await createWinery("Crowded Cellars");
    const tokens = await users("reviewer");
    const ratings = tokens.map((_, i) => (i % 5) + 1);
    const responses = await Promise.all(
      tokens.map((token, i) =>
        call(stage(), "POST", `/v${(i % 2) + 1}/wineries/${wineryId}/reviews`, {
          token,
          body: { rating: ratings[i] },
        }),
      ),
    );
    expectNoServerErrors(responses);
    expect(responses.map((response) => response.status)).toEqual(tokens.map(() => 201));
    await settleRatingRollups();
    expect((await call(stage(), "GET", `/v1/wineries/${wineryId}`)).body).toMatchObject({
      reviewCount: PARALLEL,
      averageRating: mean(ratings),
    });
    expect((await call(stage(), "GET", `/v2/wineries/${wineryId}`)).body).toMatchObject({
      rating: { count: PARALLEL, average: mean(ratings) },
    });
    const listed = (await call(stage(), "GET", `/v1/wineries/${wineryId}/reviews?limit=100`)).body as Array<{
      id: string;
    }>;
    expect(new Set(listed.map((review) => review.id)).size).toBe(PARALLEL);
  });

  it("keeps the aggregates equal to the surviving reviews while deletions, creations and admin edits race", async () => {
    const wineryId = await createWinery("Churning Cellars");
    const leaving = await users("leaving", PARALLEL / 2);
    const arriving = await users("arriving", PARALLEL / 2);
    const existing = await Promise.all(
      leaving.map((token, i) =>
        call(stage(), "POST", `/v2/wineries/${wineryId}/reviews`, { token, body: { rating: (i % 5) + 1 } }),
      ),
    );
    const arrivingRatings = arriving.map((_, i) => ((i * 3) % 5) + 1);
    // Roll-up consumers race the writers, as the queue's workers do.
    const racingConsumers = Promise.all(Array.from({ length: 3 }, settleRatingRollups));
    const responses = await Promise.all([
      ...leaving.map((token, i) =>
        call(
          stage(),
          "DELETE",
          `/v2/wineries/${wineryId}/reviews/${(existing[i]!.body as { id: string }).id}`,
          { token },
        ),
      ),
      ...arriving.map((token, i) =>
        call(stage(), "POST", `/v1/wineries/${wineryId}/reviews`, {
          token,
          body: { rating: arrivingRatings[i] },
        }),
      ),
      ...Array.from({ length: 10 }, (_, i) =>
        call(stage(), "PATCH", `/v2/wineries/${wineryId}`, {
          token: admin,
          headers: MERGE_PATCH,
          body: { name: `Renamed ${i}`, location: { lat: -44.5, lng: 100.5 } },
        }),
      ),
    ]);
    await racingConsumers;
    expectNoServerErrors(responses);
    expect(responses.slice(0, leaving.length).every((response) => response.status === 204)).toBe(true);
    expect(responses.slice(leaving.length, PARALLEL).every((response) => response.status === 201)).toBe(true);
    expect(responses.slice(PARALLEL).every((response) => response.status === 200)).toBe(true);
    await settleRatingRollups();
    // An edit of the winery's own fields must not write back a stale roll-up, nor a late event.
    const winery = (await call(stage(), "GET", `/v2/wineries/${wineryId}`)).body as {
      name: string;
      rating: { count: number; average: number };
    };
    expect(winery.rating).toEqual({ count: arriving.length, average: mean(arrivingRatings) });
    expect(winery.name).toMatch(/^Renamed \d$/);
    const listed = (await call(stage(), "GET", `/v1/wineries/${wineryId}/reviews?limit=100`)).body as Array<{
      id: string;
    }>;
    const arrived = responses
      .slice(leaving.length, PARALLEL)
      .map((response) => (response.body as { id: string }).id);
    expect(listed.map((review) => review.id).sort()).toEqual(arrived.sort());
  });

  it("accepts exactly one of 10 simultaneous reviews by the same user; the rest are 409", async () => {
    const wineryId = await createWinery("Eager Cellars");
    const [token] = await users("eager", 1);
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call(stage(), "POST", `/v${(i % 2) + 1}/wineries/${wineryId}/reviews`, {
          token,
          body: { rating: 4 },
        }),
      ),
    );
    expectNoServerErrors(responses);
    expect(responses.map((response) => response.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    await settleRatingRollups();
    expect((await call(stage(), "GET", `/v1/wineries/${wineryId}`)).body).toMatchObject({ reviewCount: 1 });
  });

  it(`keeps each of ${PARALLEL} users' simultaneous, repeated favorites of one winery exactly once`, async () => {
    const wineryId = await createWinery("Beloved Cellars");
    const tokens = await users("fan");
    const responses = await Promise.all(
      tokens.flatMap((token) =>
        [1, 2].map((v) => call(stage(), "PUT", `/v${v}/me/favorites/${wineryId}`, { token })),
      ),
    );
    expectNoServerErrors(responses);
    expect(responses.every((response) => response.status === 204)).toBe(true);
    const views = await Promise.all(tokens.map((token) => call(stage(), "GET", "/v2/me", { token })));
    expect(views.every((view) => (view.body as { favoritesCount: number }).favoritesCount === 1)).toBe(true);
    const lists = await Promise.all(
      tokens.map((token) => call(stage(), "GET", "/v1/me/favorites", { token })),
    );
    expect(
      lists.every(
        (list) =>
          JSON.stringify((list.body as Array<{ id: string }>).map((w) => w.id)) ===
          JSON.stringify([wineryId]),
      ),
    ).toBe(true);
  });

  it("creates exactly one winery for 20 simultaneous retries with one Idempotency-Key, and 422s another body racing for it", async () => {
    const key = `race-${randomUUID()}`;
    const location = { lat: -46 + Math.random(), lng: 101 + Math.random() };
    const body = { name: `Idempotent ${key}`, location, region: "Concurrency" };
    const send = (payload: unknown) =>
      call(stage(), "POST", "/v2/wineries", {
        token: admin,
        headers: { "Idempotency-Key": key },
        body: payload,
      });
    const responses = await Promise.all([
      ...Array.from({ length: 20 }, () => send(body)),
      send({ ...body, name: `Impostor ${key}` }),
    ]);
    expectNoServerErrors(responses);
    const created = responses.filter((response) => response.status === 201);
    const refused = responses.filter((response) => response.status === 422);
    // Whichever body claimed the key first wins; every request with the other body is refused.
    expect(created.length + refused.length).toBe(responses.length);
    expect(new Set(created.map((response) => (response.body as { id: string }).id)).size).toBe(1);
    expect([1, 20]).toContain(refused.length);
    const nearby = await call(
      stage(),
      "GET",
      `/v2/wineries?near=${location.lat},${location.lng}&radius=1000&limit=100`,
    );
    expect((nearby.body as { items: unknown[] }).items).toHaveLength(1);
  });
});
