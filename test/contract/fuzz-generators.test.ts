import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tamperedCursorArbitrary } from "../../contract-tests/fuzz/cursor-tampering.js";
import type { FuzzResponse } from "../../contract-tests/fuzz/fuzz-client.js";
import { fixtureHints } from "../../contract-tests/fuzz/fuzz-fixtures.js";
import type { FuzzCase } from "../../contract-tests/fuzz/fuzz-request.js";
import { invalidCaseArbitrary } from "../../contract-tests/fuzz/invalid-request.js";
import { FOREIGN_ORIGIN, validCaseArbitrary } from "../../contract-tests/fuzz/valid-request.js";
import { echoMismatches, judge } from "../../contract-tests/fuzz/verdict.js";
import { type JsonObject, listOperations, loadSpec } from "../../contract-tests/lib/openapi-document.cjs";
import { createSchemaValidator } from "../../contract-tests/lib/schema-validator.cjs";

const doc = loadSpec();
const operations = listOperations(doc);
const validator = createSchemaValidator(doc);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const userToken = `${b64({ alg: "RS256", kid: "k" })}.${b64({ sub: "u", token_use: "id" })}.c2lnbmF0dXJl`;
const hints = {
  tokens: { admin: "admin.token.x", user: userToken, otherUser: "other.token.x" },
  parameters: fixtureHints({
    location: { lat: -50.5, lng: 20.25 },
    wineryIds: ["3f2b8c1e-5d4a-4e7b-9c2d-1a6e8f0b7c45"],
    doomedWineryIds: ["c4d5e6f7-8a9b-4c0d-9e1f-2a3b4c5d6e7f"],
    reviewIds: ["9b7e4d2a-1c3f-4a8e-b5d6-7e2f1a0c9d38"],
    cursors: {
      listReviewsV2: [b64({ k: { createdAt: "2024-01-01T00:00:00.000Z", id: "x" }, q: "reviews:w" })],
    },
  }),
};
/** NUL or an unpaired surrogate anywhere: valid JSON Schema strings the API must refuse all the same. */
const hasIllFormedText = (value: unknown): boolean =>
  typeof value === "string"
    ? value.includes("\u0000") || /[\ud800-\udfff]/u.test(value)
    : typeof value === "object" && value !== null && Object.values(value).some(hasIllFormedText);

const bodySchema = (operationId: string) => {
  const content = operations.find((op) => op.operationId === operationId)?.requestBody?.content ?? {};
  return Object.values(content)[0]?.schema as JsonObject | undefined;
};

describe("the fuzzer's generators", () => {
  it.each(operations.map((op) => [op.operationId, op] as const))(
    "%s: valid cases fill every path parameter and carry bodies the spec accepts",
    (_id, operation) => {
      for (const fuzzCase of fc.sample(validCaseArbitrary(doc, operation, hints, validator), {
        numRuns: 40,
        seed: 7,
      })) {
        expect(fuzzCase.request.path).not.toMatch(/[{}]/);
        const schema = bodySchema(operation.operationId);
        if (schema) expect(validator.validate(schema, JSON.parse(fuzzCase.request.body!))).toEqual([]);
        for (const parameter of operation.parameters.filter((p) => p.in === "query" && p.required)) {
          expect(fuzzCase.request.query.some(([name]) => name === parameter.name)).toBe(true);
        }
      }
    },
  );

  it.each(operations.map((op) => [op.operationId, op] as const))(
    "%s: invalid cases expect a status the operation documents, and their JSON bodies really break the schema",
    (_id, operation) => {
      const arbitrary = invalidCaseArbitrary(doc, operation, hints, validator);
      if (!arbitrary) return expect(operation.parameters.length + (operation.secured ? 1 : 0)).toBe(0);
      for (const fuzzCase of fc.sample(arbitrary, { numRuns: 80, seed: 7 })) {
        if (fuzzCase.expect.kind !== "reject") throw new Error("an invalid case must expect a rejection");
        expect(Object.keys(operation.responses), fuzzCase.label).toContain(String(fuzzCase.expect.status));
        const schema = bodySchema(operation.operationId);
        const body = fuzzCase.request.body;
        const mutatesMembers =
          fuzzCase.label.startsWith("/body/") || fuzzCase.label.startsWith("extra field");
        if (!schema || !mutatesMembers || body === undefined) continue;
        const parsed = JSON.parse(body);
        const broken = validator.validate(schema, parsed).length > 0 || hasIllFormedText(parsed);
        expect(broken, `${fuzzCase.label}: ${body}`).toBe(true);
      }
    },
  );

  it("tampers with issued cursors instead of replaying them", () => {
    const issued = b64({
      k: { distanceMeters: 12.5, id: "3f2b8c1e-5d4a-4e7b-9c2d-1a6e8f0b7c45" },
      q: "wineries:1,2,3",
    });
    const tampered = fc.sample(tamperedCursorArbitrary([issued]), { numRuns: 100, seed: 3 });
    expect(tampered.filter((cursor) => cursor === issued).length).toBeLessThan(5);
    expect(new Set(tampered).size).toBeGreaterThan(20);
  });
});

describe("the fuzzer's verdict", () => {
  const createWinery = operations.find((op) => op.operationId === "createWineryV1")!;
  const valid: FuzzCase = {
    label: "valid",
    request: {
      method: "POST",
      path: "/v1/wineries",
      query: [],
      headers: {},
      auth: { kind: "role", role: "admin" },
      body: '{"name":"a\'b"}',
    },
    expect: { kind: "valid" },
  };
  const problem = (status: number, extra: Record<string, unknown> = {}): FuzzResponse => {
    const json = { type: "https://cellar.dev/problems/x", title: "X", status, ...extra };
    return {
      status,
      headers: { "content-type": "application/problem+json" },
      bodyText: JSON.stringify(json),
      json,
    };
  };

  it("fails server errors, undocumented statuses, unearned 401s and leaked stack traces", () => {
    expect(judge(createWinery, valid, problem(500), validator).join()).toMatch(/server error/);
    expect(judge(createWinery, valid, problem(418), validator).join()).toMatch(/not documented/);
    expect(
      judge(
        createWinery,
        valid,
        {
          ...problem(401),
          headers: { "content-type": "application/problem+json", "www-authenticate": "Bearer" },
        },
        validator,
      ).join(),
    ).toMatch(/valid request got 401/);
    expect(
      judge(
        createWinery,
        valid,
        problem(400, { detail: "boom\n    at x (/srv/app.js:1:2)" }),
        validator,
      ).join(),
    ).toMatch(/stack trace/);
  });

  it("fails a rejection with the wrong status or without the offending input among errors[]", () => {
    const reject: FuzzCase = {
      ...valid,
      label: "bad lat",
      expect: { kind: "reject", status: 400, errorPath: "/body/lat" },
    };
    expect(
      judge(createWinery, reject, problem(400, { errors: [{ path: "/body/lat", message: "m" }] }), validator),
    ).toEqual([]);
    expect(
      judge(
        createWinery,
        reject,
        problem(400, { errors: [{ path: "/body/lng", message: "m" }] }),
        validator,
      ).join(),
    ).toMatch(/should name \/body\/lat/);
    expect(judge(createWinery, reject, problem(403), validator).join()).toMatch(/expected 400, got 403/);
  });

  it("fails revealing headers and CORS granted to a foreign origin", () => {
    const foreign: FuzzCase = {
      ...valid,
      request: { ...valid.request, headers: { Origin: FOREIGN_ORIGIN } },
      expect: { kind: "reject", status: 403 },
    };
    const response = problem(403);
    response.headers["access-control-allow-origin"] = FOREIGN_ORIGIN;
    response.headers.server = "nginx/1.2";
    const failures = judge(createWinery, foreign, response, validator).join();
    expect(failures).toMatch(/CORS allows a foreign origin/);
    expect(failures).toMatch(/reveals server/);
  });

  it("compares what came back with what was sent, member by member", () => {
    expect(
      echoMismatches({ name: "a'b", location: { lat: 1 } }, { name: "a'b", location: { lat: 1 }, id: "x" }),
    ).toEqual([]);
    expect(echoMismatches({ name: "a'b" }, { name: "ab" })).toEqual(['/name came back as "ab", sent "a\'b"']);
    expect(echoMismatches({ lat: 5e-324 }, { lat: 0 })).toEqual([]);
    expect(echoMismatches({ text: "x\ud800" }, { text: "x\ufffd" })).toEqual([]);
  });
});
