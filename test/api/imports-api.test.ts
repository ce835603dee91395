import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "../../src/db/database-instance.js";
import { drainQueue } from "../../src/queue/postgres-queue-consumer.js";
import { LOCAL_API_KEYS } from "../../src/settings/api-keys.js";
import { workers } from "../../src/workers/workers.js";
import { importRows } from "../imports/import-rows.js";
import { createTemporaryPostgresDatabase } from "../support/databases.js";
import { type RunningStage, startStage } from "./running-stage.js";

describe("bulk imports through the local stage, on Postgres", () => {
  let stage: RunningStage;
  let dropDatabase: () => Promise<void> = async () => {};
  const tokens: Record<string, string> = {};
  const previousUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    const database = await createTemporaryPostgresDatabase();
    dropDatabase = database.drop;
    process.env.DATABASE_URL = database.url;
    stage = await startStage();
    tokens.admin = await stage.token("admin-1", ["admin"]);
    tokens.alice = await stage.token("alice");
  });
  afterAll(async () => {
    await stage?.close();
    await dropDatabase();
    process.env.DATABASE_URL = previousUrl;
  });

  const send = async (
    method: string,
    path: string,
    options: { as?: string; body?: string; contentType?: string; headers?: Record<string, string> } = {},
  ) => {
    const headers: Record<string, string> = { "x-api-key": LOCAL_API_KEYS.app.value, ...options.headers };
    if (options.as) headers.Authorization = `Bearer ${tokens[options.as]}`;
    if (options.body !== undefined) headers["Content-Type"] = options.contentType ?? "application/json";
    const response = await fetch(`${stage.origin}${path}`, { method, headers, body: options.body });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };
  const postImport = (rows: unknown, options: { as?: string; headers?: Record<string, string> } = {}) =>
    send("POST", "/v2/imports", { as: "admin", body: JSON.stringify(rows), ...options });
  const runWorkers = () =>
    drainQueue({ database: getDatabase, queue: "imports", batchProcessor: workers.imports, retryDelayMs: 0 });

  it("answers 202 with a Location to poll, and reports the finished import there", async () => {
    const rows: unknown[] = importRows(3000, "Api");
    rows[42] = { name: "Nowhere", location: { lat: 0, lng: 200 }, region: "Sea" };
    const accepted = await postImport(rows);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    const location = accepted.headers.get("location");
    expect(location).toBe(`/v2/imports/${accepted.body.id}`);
    expect(accepted.body).toMatchObject({
      status: "queued",
      counts: { total: 3000, imported: 0, failed: 0, pending: 3000 },
      errors: [],
      completedAt: null,
    });

    await runWorkers();
    const finished = await send("GET", location as string, { as: "admin" });
    expect(finished.status).toBe(200);
    expect(finished.body).toMatchObject({
      id: accepted.body.id,
      status: "completed",
      counts: { total: 3000, imported: 2999, failed: 1, pending: 0 },
      errors: [{ row: 42, errors: [{ path: "/body/42/location/lng", message: "must be <= 180" }] }],
    });
    expect(Date.parse(finished.body.completedAt)).not.toBeNaN();
  });

  it("accepts NDJSON, one row per line", async () => {
    const ndjson = `${importRows(3, "Ndjson")
      .map((row) => JSON.stringify(row))
      .join("\n")}\n`;
    const accepted = await send("POST", "/v2/imports", {
      as: "admin",
      body: ndjson,
      contentType: "application/x-ndjson",
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    expect(accepted.body.counts.total).toBe(3);
    await runWorkers();
    const finished = await send("GET", `/v2/imports/${accepted.body.id}`, { as: "admin" });
    expect(finished.body.counts).toEqual({ total: 3, imported: 3, failed: 0, pending: 0 });
  });

  it("answers 400 pointing at the offending row for a request that cannot be an import", async () => {
    const ndjson = `${JSON.stringify(importRows(1)[0])}\n{"name": broken\n`;
    const badLine = await send("POST", "/v2/imports", {
      as: "admin",
      body: ndjson,
      contentType: "application/x-ndjson",
    });
    expect(badLine.status).toBe(400);
    expect(badLine.body.errors).toEqual([{ path: "/body/1", message: "line 2 must be valid JSON" }]);

    const notAnArray = await postImport({ name: "Solo" });
    expect(notAnArray.status).toBe(400);
    expect(notAnArray.body.errors).toContainEqual({ path: "/body", message: "must be array" });

    const notAnObject = await postImport([...importRows(2), 7]);
    expect(notAnObject.status).toBe(400);
    expect(notAnObject.body.errors).toContainEqual({ path: "/body/2", message: "must be object" });

    const tooMany = await postImport(new Array(50_001).fill({}));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toContainEqual({
      path: "/body",
      message: "must NOT have more than 50000 items",
    });

    const empty = await postImport([]);
    expect(empty.status).toBe(400);
  });

  it("takes bodies far over the usual 64 KB, up to 10 MB, and 413 beyond", async () => {
    const big = JSON.stringify(importRows(20, "Big").map((row) => ({ ...row, name: "x".repeat(200) })));
    expect(big.length).toBeLessThan(64 * 1024);
    const padded = `[${" ".repeat(9 * 1024 * 1024)}${big.slice(1)}`;
    const accepted = await send("POST", "/v2/imports", { as: "admin", body: padded });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    const tooLarge = await send("POST", "/v2/imports", {
      as: "admin",
      body: `[${" ".repeat(10 * 1024 * 1024)}]`,
    });
    expect(tooLarge.status).toBe(413);
  });

  it("is for administrators only", async () => {
    expect((await postImport(importRows(1), { as: "alice" })).status).toBe(403);
    const anonymous = await send("POST", "/v2/imports", { body: JSON.stringify(importRows(1)) });
    expect(anonymous.status).toBe(401);
    const accepted = await postImport(importRows(1));
    expect((await send("GET", `/v2/imports/${accepted.body.id}`, { as: "alice" })).status).toBe(403);
  });

  it("answers 404 for an unknown import and 400 for an id that is not a uuid", async () => {
    expect((await send("GET", `/v2/imports/${randomUUID()}`, { as: "admin" })).status).toBe(404);
    expect((await send("GET", "/v2/imports/not-a-uuid", { as: "admin" })).status).toBe(400);
  });

  it("answers 415 for a content type it does not take", async () => {
    const response = await send("POST", "/v2/imports", {
      as: "admin",
      body: "name,region",
      contentType: "text/csv",
    });
    expect(response.status).toBe(415);
  });

  it("starts one import per Idempotency-Key, and 422 when the key is reused for other rows", async () => {
    await runWorkers(); // what earlier tests queued
    const headers = { "Idempotency-Key": `import-${randomUUID()}` };
    const rows = importRows(2, "Keyed");
    const first = await postImport(rows, { headers });
    const retry = await postImport(rows, { headers });
    expect(first.status).toBe(202);
    expect(retry.status).toBe(202);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect((await postImport(importRows(3, "Other"), { headers })).status).toBe(422);
    expect(await runWorkers()).toBe(1);
  });
});
