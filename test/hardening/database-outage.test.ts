import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handler as createReviewV1 } from "../../src/handlers/create-review-v1.handler.js";
import { DATABASE_UNAVAILABLE_DETAIL, OUT_OF_TIME_DETAIL } from "../../src/runtime/problem-errors.js";
import { API_VERSIONS, healthCheckPath } from "../../src/topology/topology.js";
import { captureLogs } from "../support/capture-logs.js";
import { createTemporaryPostgresDatabase } from "../support/databases.js";
import { jsonEvent, lambdaContext } from "../support/proxy-events.js";
import { settleRatingRollups } from "../support/rating-rollups.js";
import {
  type CallResult,
  call,
  type HardeningStage,
  startHardeningStage,
} from "./support/hardening-stage.js";
import { databaseBehindProxy, type TcpProxy } from "./support/tcp-proxy.js";

/**
 * The database going away under a running API, on real Postgres (PGlite lives inside the process and
 * cannot go away). The API reaches Postgres through a TCP hop the test can cut, close or blackhole; a
 * direct connection holds locks (to catch a request mid-transaction) and checks what was committed.
 */
describe("the API when Postgres goes away", () => {
  let database: { url: string; drop(): Promise<void> };
  let proxy: TcpProxy;
  let stage: HardeningStage;
  let direct: pg.Client;
  let admin = "";
  let user = "";

  beforeAll(async () => {
    database = await createTemporaryPostgresDatabase();
    const behindProxy = await databaseBehindProxy(database.url);
    proxy = behindProxy.proxy;
    process.env.DATABASE_URL = behindProxy.url;
    // A connection attempt that gets no answer must fail fast enough to become a 503, not a gateway timeout.
    process.env.DATABASE_CONNECT_TIMEOUT_MS = "2000";
    stage = await startHardeningStage({ handlerTimeoutMs: 20_000 });
    direct = new pg.Client({ connectionString: database.url });
    await direct.connect();
    admin = await stage.token("outage-admin", ["admin"]);
    user = await stage.token("outage-user");
  });
  afterAll(async () => {
    await direct?.end();
    await stage?.close();
    await proxy?.close();
    await database?.drop();
    delete process.env.DATABASE_CONNECT_TIMEOUT_MS;
  });

  const expectServiceUnavailable = (response: CallResult, what: string) => {
    expect(response.status, `${what}: ${response.text}`).toBe(503);
    expect(response.headers.get("retry-after"), what).toMatch(/^\d+$/);
    expect(response.headers.get("content-type"), what).toBe("application/problem+json");
    expect(response.body, what).toMatchObject({
      status: 503,
      type: "https://cellar.dev/problems/service-unavailable",
    });
    // Nothing about where the database lives or what the driver said.
    expect(response.text, what).not.toMatch(/127\.0\.0\.1|5432|ECONN|pg_|terminat|\bat /i);
  };
  const createWinery = async (name: string) => {
    const created = await call(stage, "POST", "/v1/wineries", {
      token: admin,
      body: { name, lat: -33.9, lng: 18.4, region: "Outage" },
    });
    expect(created.status, created.text).toBe(201);
    return (created.body as { id: string }).id;
  };
  const apiBackends = async () => {
    const { rows } = await direct.query<{ pid: number; waiting: boolean }>(
      `select pid, wait_event_type = 'Lock' as waiting from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()`,
    );
    return rows;
  };
  /**
   * Holds `lock` in a transaction on the direct connection and starts `request`; resolves once the
   * API's transaction waits on the lock, with the response still in flight (wrapped, so not awaited).
   */
  const catchMidTransaction = async (lock: string, request: () => Promise<CallResult>) => {
    await direct.query("begin");
    await direct.query(lock);
    const inFlight = request();
    // Polled query after query (each one paces the next), a bounded number of times.
    for (let attempt = 0; !(await apiBackends()).some((b) => b.waiting); attempt++) {
      if (attempt > 5_000) throw new Error("the request never blocked on the lock");
    }
    return { inFlight };
  };
  const releaseAndSettle = async () => {
    await direct.query("rollback");
    // The orphaned backend rolls back once it notices its client is gone; wait for it to leave.
    for (let attempt = 0; (await apiBackends()).some((b) => b.waiting) && attempt < 5_000; attempt++) {}
  };
  const committed = async (wineryId: string) => {
    const { rows } = await direct.query<{ reviews: number; review_count: number; rating_sum: number }>(
      `select (select count(*)::int from reviews where winery_id = $1) as reviews, review_count, rating_sum
         from wineries where id = $1`,
      [wineryId],
    );
    return rows[0];
  };

  it("answers 503 with Retry-After while the database is unreachable from the start, and recovers when it is back", async () => {
    const logs = captureLogs();
    await proxy.down();
    // No stopwatch: "the database is unavailable" is the refused connection's own answer, where a
    // request left waiting would end in Middy's early timeout ("could not be completed in time").
    const read = await call(stage, "GET", `/v1/wineries/${randomUUID()}`);
    expectServiceUnavailable(read, "read while down");
    expect(read.body).toMatchObject({ detail: DATABASE_UNAVAILABLE_DETAIL });
    const write = await call(stage, "POST", "/v1/wineries", {
      token: admin,
      body: { name: "Down", lat: 1, lng: 1, region: "R" },
    });
    expectServiceUnavailable(write, "write while down");
    expect(write.body).toMatchObject({ detail: DATABASE_UNAVAILABLE_DETAIL });
    await proxy.up();
    expect((await call(stage, "GET", `/v1/wineries/${randomUUID()}`)).status).toBe(404);
    await createWinery("Back Up Cellars");
    expect(logs.events().map((event) => event.status)).toContain(503);
  });

  it("keeps a review whose rating event is lost on its way to the queue; the winery's next event heals the roll-up", async () => {
    const logs = captureLogs();
    const wineryId = await createWinery("Cut Cellars");
    // The review's insert commits; the rating event, sent after it, waits here.
    const { inFlight } = await catchMidTransaction("lock table queue_messages in exclusive mode", () =>
      call(stage, "POST", `/v1/wineries/${wineryId}/reviews`, { token: user, body: { rating: 5 } }),
    );
    try {
      // Terminated server-side, so the event's insert surely never happens (a cut connection could
      // still let it commit once the lock goes).
      const blocked = (await apiBackends()).filter((backend) => backend.waiting);
      await direct.query("select pg_terminate_backend(pid) from unnest($1::int[]) as pid", [
        blocked.map((b) => b.pid),
      ]);
      // The review stands, so the answer is a 201: a 503 would make the client retry into a 409.
      const cut = await inFlight;
      expect(cut.status, cut.text).toBe(201);
    } finally {
      await releaseAndSettle();
    }
    // The terminated connection may still sit in the pool for the first query to find, as a
    // consumer's receive would; it retries, and so does this.
    await settleRatingRollups().catch(settleRatingRollups);
    expect(await committed(wineryId)).toEqual({ reviews: 1, review_count: 0, rating_sum: 0 });

    const next = await call(stage, "POST", `/v2/wineries/${wineryId}/reviews`, {
      token: admin,
      body: { rating: 3 },
    });
    expect(next.status, next.text).toBe(201);
    await settleRatingRollups();
    expect(await committed(wineryId)).toEqual({ reviews: 2, review_count: 2, rating_sum: 8 });
    expect(logs.events().map((event) => event.message)).toContainEqual(
      expect.stringMatching(/^rating event not sent/),
    );
  });

  it("rolls back an idempotent creation whose backend is terminated mid-transaction, so the retry creates it once", async () => {
    const logs = captureLogs();
    const key = `outage-${randomUUID()}`;
    const name = `Terminated Cellars ${key}`;
    const create = () =>
      call(stage, "POST", "/v2/wineries", {
        token: admin,
        headers: { "Idempotency-Key": key },
        body: { name, location: { lat: -33.9, lng: 18.4 }, region: "Outage" },
      });
    // The key is claimed; the winery insert waits for the table lock.
    const { inFlight } = await catchMidTransaction("lock table wineries in share mode", create);
    try {
      const blocked = (await apiBackends()).filter((backend) => backend.waiting);
      await direct.query("select pg_terminate_backend(pid) from unnest($1::int[]) as pid", [
        blocked.map((b) => b.pid),
      ]);
      expectServiceUnavailable(await inFlight, "creation terminated mid-transaction");
    } finally {
      await releaseAndSettle();
    }
    const stored = async () =>
      (
        await direct.query<{ keys: number; wineries: number }>(
          `select (select count(*)::int from idempotency_keys where key = $1) as keys,
                  (select count(*)::int from wineries where name = $2) as wineries`,
          [key, name],
        )
      ).rows[0];
    expect(await stored()).toEqual({ keys: 0, wineries: 0 });

    const retry = await create();
    expect(retry.status, retry.text).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
    const replay = await create();
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect((replay.body as { id: string }).id).toBe((retry.body as { id: string }).id);
    expect(await stored()).toEqual({ keys: 1, wineries: 1 });
    expect(logs.events().map((event) => event.status)).toContain(503);
  });

  it("survives its idle pooled connections dying between requests (a failover): never a 500, soon a 200", async () => {
    const logs = captureLogs();
    const wineryId = await createWinery("Failover Cellars");
    await Promise.all([1, 2, 3, 4].map(() => call(stage, "GET", `/v1/wineries/${wineryId}`)));
    proxy.cut();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await call(stage, "GET", `/v1/wineries/${wineryId}`);
      statuses.push(response.status);
      if (response.status === 503) expectServiceUnavailable(response, "read after the failover");
      if (response.status === 200) break;
    }
    expect(
      statuses.every((status) => status === 200 || status === 503),
      String(statuses),
    ).toBe(true);
    expect(statuses.at(-1)).toBe(200);
    // What went wrong on the way was logged as the 503s it was, never as a 500.
    expect(logs.events().filter((event) => event.status !== 503)).toEqual([]);
  });

  it("answers 503 quickly while the database is down for a while, then serves again", async () => {
    const logs = captureLogs();
    const wineryId = await createWinery("Outage Cellars");
    await proxy.down();
    for (const path of [
      `/v1/wineries/${wineryId}`,
      `/v2/wineries/${wineryId}/reviews`,
      "/v2/wineries?near=-33.9,18.4",
    ]) {
      // The refused connection's answer, not a request left waiting for time to run out.
      const response = await call(stage, "GET", path);
      expectServiceUnavailable(response, path);
      expect(response.body, path).toMatchObject({ detail: DATABASE_UNAVAILABLE_DETAIL });
    }
    expectServiceUnavailable(
      await call(stage, "PUT", `/v2/me/favorites/${wineryId}`, { token: user }),
      "favorite while down",
    );
    await proxy.up();
    expect((await call(stage, "PUT", `/v2/me/favorites/${wineryId}`, { token: user })).status).toBe(204);
    expect((await call(stage, "GET", "/v2/me", { token: user })).body).toMatchObject({ favoritesCount: 1 });
    expect(logs.events().map((event) => event.status)).toContain(503);
  });

  it("answers 503 within the connect timeout when the database swallows connections without a word", async () => {
    const logs = captureLogs();
    // Let the pool see its open connections die first, so the request has to open a new one: the
    // proxy destroys both ends at once, so once Postgres has seen its backends go, the pool's end has
    // been closed too (a dead client taken instead would show as no connection opened below).
    proxy.cut();
    for (let attempt = 0; (await apiBackends()).length > 0 && attempt < 5_000; attempt++) {}
    await proxy.blackhole();
    const blackholed = await call(stage, "GET", `/v1/wineries/${randomUUID()}`);
    expectServiceUnavailable(blackholed, "read while blackholed");
    expect(blackholed.body).toMatchObject({ detail: DATABASE_UNAVAILABLE_DETAIL });
    // No stopwatch: the proxy saw the request's connection attempt open and then the driver abandon
    // it (DATABASE_CONNECT_TIMEOUT_MS, 2 s here). Without a connect timeout the attempt stays open
    // until the handler runs out of time (also a 503, from Middy) and this never settles.
    expect(proxy.blackholed().opened).toBeGreaterThanOrEqual(1);
    for (let turn = 0; turn < 10_000 && proxy.blackholed().givenUp < proxy.blackholed().opened; turn++) {
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    expect(proxy.blackholed().givenUp).toBe(proxy.blackholed().opened);
    await proxy.up();
    expect((await call(stage, "GET", `/v1/wineries/${randomUUID()}`)).status).toBe(404);
    expect(logs.events().map((event) => event.status)).toContain(503);
  }, 30_000);

  it("answers 503 when the database stops answering mid-request and the function runs out of time; the next event squares the roll-up with the reviews", async () => {
    const logs = captureLogs();
    const wineryId = await createWinery("Partition Cellars");
    // The pooled connection that served the creation is now idle: the next transaction takes it.
    proxy.freeze();
    const event = jsonEvent(JSON.stringify({ rating: 3 }), {
      claims: { sub: "partition-user" },
      resource: "/wineries/{wineryId}/reviews",
      path: `/v1/wineries/${wineryId}/reviews`,
      pathParameters: { wineryId },
    });
    try {
      const result = await createReviewV1(event, {
        ...lambdaContext(),
        getRemainingTimeInMillis: () => 1_500,
      });
      expect(result.statusCode, result.body).toBe(503);
      expect(result.headers?.["Retry-After"]).toBe("1");
      // It was the function's time running out that answered (Middy's early timeout, from the
      // remaining time), not a stopwatch: a handler that ignored it would hang past the test timeout.
      expect(JSON.parse(result.body)).toMatchObject({ detail: OUT_OF_TIME_DETAIL });
    } finally {
      proxy.thaw();
    }
    // The stranded insert then commits or not; either way the winery's next event makes the roll-up
    // count exactly the reviews there are.
    for (
      let attempt = 0;
      attempt < 2_500 && (await apiBackends()).length > 0 && (await committed(wineryId))?.reviews === 0;
      attempt++
    ) {}
    const next = await call(stage, "POST", `/v1/wineries/${wineryId}/reviews`, {
      token: admin,
      body: { rating: 4 },
    });
    expect(next.status, next.text).toBe(201);
    await settleRatingRollups();
    const after = await committed(wineryId);
    expect(after?.review_count).toBe(after?.reviews);
    expect((await call(stage, "GET", `/v1/wineries/${wineryId}`)).status).toBe(200);
    expect(logs.events().map((event) => event.status)).toContain(503);
  });

  it("fails Route 53's health check of every version while it is down, where /ping would not", async () => {
    const logs = captureLogs();
    for (const version of API_VERSIONS) {
      expect((await call(stage, "GET", healthCheckPath(version))).status, version).toBe(200);
    }
    await proxy.down();
    for (const version of API_VERSIONS) {
      expectServiceUnavailable(await call(stage, "GET", healthCheckPath(version)), healthCheckPath(version));
      expect((await call(stage, "GET", `/${version}/ping`)).status).toBe(200);
    }
    await proxy.up();
    for (const version of API_VERSIONS) {
      expect((await call(stage, "GET", healthCheckPath(version))).status, version).toBe(200);
    }
    expect(logs.events().map((event) => event.status)).toContain(503);
  });

  it("still serves what needs no database while it is down", async () => {
    const logs = captureLogs();
    await proxy.down();
    expect((await call(stage, "GET", "/v1/ping")).status).toBe(200);
    expect((await call(stage, "POST", "/v1/wineries", { token: admin, rawBody: "{" })).status).toBe(400);
    expect((await call(stage, "POST", "/v1/wineries", { token: user, body: {} })).status).toBe(403);
    await proxy.up();
    expect(logs.errors()).toEqual([]);
  });
});
