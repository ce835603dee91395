import { afterAll, describe, expect, it } from "vitest";
import { closeDatabase } from "../../src/db/database-instance.js";
import { createImportV2 } from "../../src/generated/operations/createImportV2.gen.js";
import { handler as createWinery } from "../../src/handlers/create-winery-v1.handler.js";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "../../src/runtime/json-depth.js";
import { ADMIN, jsonEvent, lambdaContext, problemOf } from "../support/proxy-events.js";

// Nothing here may reach the database: every request is refused before the implementation runs.
process.env.DATABASE_URL = "postgres://nobody@127.0.0.1:1/none";
afterAll(() => closeDatabase().catch(() => {}));

const TOO_DEEP = [{ path: "/body", message: `nested deeper than ${MAX_JSON_DEPTH} levels` }];
const nestedArrays = (depth: number, inner = "") => `${"[".repeat(depth)}${inner}${"]".repeat(depth)}`;

/** The generated import wrapper (10 MB limit) around an implementation that must never run. */
const importRows = createImportV2(async () => {
  throw new Error("a body nested too deeply reached the implementation");
});
const asAdmin = { claims: ADMIN, resource: "/imports", path: "/v2/imports" };

describe("request bodies nested too deeply", () => {
  it("answer 400 naming /body, not a stack overflow, on a generated wrapper at 100,000 levels", async () => {
    const body = `[{"name":${nestedArrays(100_000 - 2)}}]`;
    const result = await importRows(jsonEvent(body, asAdmin), lambdaContext());
    expect(result.statusCode, result.body).toBe(400);
    const problem = problemOf(result);
    expect(problem.detail).toBe(`The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
    expect(problem.errors).toEqual(TOO_DEEP);
  });

  it("answer 400 for NDJSON lines and for the 8,000 levels that fit a 64 KB body", async () => {
    const ndjson = `{"name":"ok"}\n{"name":${nestedArrays(50_000)}}\n`;
    const headers = { "Content-Type": "application/x-ndjson" };
    const fromLines = problemOf(
      await importRows(jsonEvent(ndjson, { ...asAdmin, headers }), lambdaContext()),
    );
    expect(fromLines.errors).toEqual(TOO_DEEP);
    const winery = `{"name":${nestedArrays(8_000)},"lat":1,"lng":1,"region":"R"}`;
    const asWineryAdmin = { claims: ADMIN, resource: "/wineries", path: "/v1/wineries" };
    const result = await createWinery(jsonEvent(winery, asWineryAdmin), lambdaContext());
    expect(result.statusCode, result.body).toBe(400);
    expect(problemOf(result).errors).toEqual(TOO_DEEP);
  });

  it(`let exactly ${MAX_JSON_DEPTH} levels through to validation`, async () => {
    // The row array is level 1; a row that is an array is refused by the schema, not for its depth.
    const atLimit = `[${nestedArrays(MAX_JSON_DEPTH - 1)}]`;
    const problem = problemOf(await importRows(jsonEvent(atLimit, asAdmin), lambdaContext()));
    expect(problem.errors).toEqual([{ path: "/body/0", message: "must be object" }]);
    const overLimit = `[${nestedArrays(MAX_JSON_DEPTH)}]`;
    expect(problemOf(await importRows(jsonEvent(overLimit, asAdmin), lambdaContext())).errors).toEqual(
      TOO_DEEP,
    );
  });
});

describe("nestsDeeperThan", () => {
  it("counts arrays and objects alike, scalars as no level, and any depth without recursion", () => {
    expect(nestsDeeperThan("text", 0)).toBe(false);
    expect(nestsDeeperThan({}, 0)).toBe(true);
    expect(nestsDeeperThan({ a: [{ b: [] }] }, 4)).toBe(false);
    expect(nestsDeeperThan({ a: [{ b: [] }] }, 3)).toBe(true);
    expect(nestsDeeperThan([1, "x", null, [true]], 2)).toBe(false);
    expect(nestsDeeperThan(JSON.parse(nestedArrays(100_000)), 99_999)).toBe(true);
  });
});
