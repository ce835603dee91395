import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { DatabaseKind, Db } from "../../src/db/database.js";
import { runIdempotent, type StoredResponse } from "../../src/db/idempotency.repository.js";
import { createReview } from "../../src/db/review.repository.js";
import { countWineries, insertWinery } from "../../src/db/winery.repository.js";
import { backends, useDatabase } from "../support/databases.js";
import { newUserId, newWinery } from "../support/fixtures.js";

const request = (requestHash = "hash-a") => ({ scope: "POST /v1/wineries", key: randomUUID(), requestHash });

/**
 * Holds the claim until the other `count` requests are seen blocked on it (Postgres: waiting on the
 * key's lock in pg_stat_activity), so they really arrive while it is in flight. On PGlite they queue
 * on the single connection's lock instead and cannot be seen from inside, so there is nothing to wait for.
 */
async function untilBlockedOnTheClaim(db: Db, backend: DatabaseKind, count: number): Promise<void> {
  if (backend === "pglite") return;
  for (let attempt = 0; attempt < 500; attempt++) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity
       where datname = current_database() and wait_event_type = 'Lock'
    `.execute(db);
    if (rows[0]?.n === count) return;
  }
  throw new Error(`the other ${count} requests never blocked on the claim`);
}

describe.each(backends)("runIdempotent on $name", (backend) => {
  const db = useDatabase(backend);

  it("runs the work once and replays its stored response", async () => {
    const req = request();
    const response: StoredResponse = {
      status: 201,
      body: { id: "abc", tags: ["red", "dry"], nested: { n: 1.5 } },
      headers: { location: "/v1/wineries/abc" },
    };
    let runs = 0;
    const work = async () => {
      runs += 1;
      return response;
    };
    expect(await runIdempotent(db(), req, work)).toEqual({ kind: "fresh", response });
    expect(await runIdempotent(db(), req, work)).toEqual({ kind: "replayed", response });
    expect(runs).toBe(1);
  });

  it("treats the same key in another scope as a different request", async () => {
    const req = request();
    const work = async () => ({ status: 200, body: "ok" });
    expect((await runIdempotent(db(), req, work)).kind).toBe("fresh");
    expect((await runIdempotent(db(), { ...req, scope: "POST /v1/other" }, work)).kind).toBe("fresh");
  });

  it("reports a mismatch when the key is reused for a different request", async () => {
    const req = request("hash-a");
    let runs = 0;
    const work = async () => {
      runs += 1;
      return { status: 201, body: null };
    };
    await runIdempotent(db(), req, work);
    expect(await runIdempotent(db(), { ...req, requestHash: "hash-b" }, work)).toEqual({ kind: "mismatch" });
    expect(runs).toBe(1);
  });

  it("stores nothing when the work throws, so a retry runs afresh", async () => {
    const req = request();
    await expect(
      runIdempotent(db(), req, async (trx) => {
        await insertWinery(trx, newWinery({ name: "Never committed" }));
        throw new Error("downstream failed");
      }),
    ).rejects.toThrow("downstream failed");

    const stored = await db().selectFrom("idempotency_keys").selectAll().where("key", "=", req.key).execute();
    expect(stored).toEqual([]);
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from wineries where name = 'Never committed'
    `.execute(db());
    expect(rows[0]?.n).toBe(0);

    expect(await runIdempotent(db(), req, async () => ({ status: 204, body: undefined }))).toEqual({
      kind: "fresh",
      response: { status: 204, body: undefined },
    });
  });

  it("replays bodies faithfully: absent, JSON null, arrays, strings", async () => {
    const bodies: unknown[] = [undefined, null, [1, "two", { three: 3 }], "plain text", 42, false];
    for (const body of bodies) {
      const req = request();
      await runIdempotent(db(), req, async () => ({ status: 200, body }));
      const replayed = await runIdempotent(db(), req, async () => ({ status: 500, body: "must not run" }));
      expect(replayed).toEqual({ kind: "replayed", response: { status: 200, body } });
      if (replayed.kind !== "mismatch") expect("headers" in replayed.response).toBe(false);
    }
  });

  it("commits the work's writes together with the stored response", async () => {
    const req = request();
    const before = await countWineries(db());
    const outcome = await runIdempotent(db(), req, async (trx) => {
      const winery = await insertWinery(trx, newWinery());
      return { status: 201, body: { id: winery.id } };
    });
    expect(outcome.kind).toBe("fresh");
    expect(await countWineries(db())).toBe(before + 1);
  });

  it("stores a 409 even when the work's repository call hit a unique constraint", async () => {
    const winery = await insertWinery(db(), newWinery());
    const user = newUserId();
    await createReview(db(), { wineryId: winery.id, userId: user, rating: 4, text: "" });
    const req = request();
    const outcome = await runIdempotent(db(), req, async (trx) => {
      const result = await createReview(trx, { wineryId: winery.id, userId: user, rating: 5, text: "" });
      return result.ok
        ? { status: 201, body: result.review }
        : { status: 409, body: { reason: result.reason } };
    });
    expect(outcome).toEqual({ kind: "fresh", response: { status: 409, body: { reason: "duplicate" } } });
    expect((await runIdempotent(db(), req, async () => ({ status: 500, body: null }))).kind).toBe("replayed");
  });

  it("executes the work exactly once for 10 concurrent requests with the same key", async () => {
    const req = request();
    let runs = 0;
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        runIdempotent(db(), req, async (trx) => {
          runs += 1;
          await untilBlockedOnTheClaim(db(), backend.name, 9);
          const winery = await insertWinery(trx, newWinery({ name: `Once ${req.key}` }));
          return { status: 201, body: { id: winery.id }, headers: { location: `/v1/wineries/${winery.id}` } };
        }),
      ),
    );

    expect(runs).toBe(1);
    expect(outcomes.filter((outcome) => outcome.kind === "fresh")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.kind === "replayed")).toHaveLength(9);
    const responses = outcomes.map((outcome) => (outcome.kind === "mismatch" ? undefined : outcome.response));
    for (const response of responses) expect(response).toEqual(responses[0]);
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from wineries where name = ${`Once ${req.key}`}
    `.execute(db());
    expect(rows[0]?.n).toBe(1);
  });

  it("refuses to run inside a caller's transaction, where it could not isolate its claim", async () => {
    await expect(
      db()
        .transaction()
        .execute((trx) => runIdempotent(trx, request(), async () => ({ status: 200, body: null }))),
    ).rejects.toThrow(/root Db/);
  });
});
