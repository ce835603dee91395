import { afterAll, describe, expect, it } from "vitest";
import { closeDatabase } from "../../src/db/database-instance.js";
import { pingV1Spec } from "../../src/generated/operations/pingV1.gen.js";
import pingValidators from "../../src/generated/validators/pingV1.gen.js";
import { handler as createWinery } from "../../src/handlers/create-winery-v1.handler.js";
import { handler as ping } from "../../src/handlers/ping-v1.handler.js";
import { defineOperation } from "../../src/runtime/define-operation.js";
import { captureLogs } from "../support/capture-logs.js";
import { ADMIN, ALICE, jsonEvent, lambdaContext, problemOf, proxyEvent } from "../support/proxy-events.js";

// Wrapper behaviour only: nothing here may reach the database, so point it at a closed port.
process.env.DATABASE_URL = "postgres://nobody@127.0.0.1:1/none";
afterAll(() => closeDatabase().catch(() => {}));

const validWinery = { name: "Test Cellars", lat: 38.5, lng: -122.4, region: "Napa Valley" };
const asAdmin = { claims: ADMIN, resource: "/wineries", path: "/v1/wineries" };

describe("the generated operation wrapper", () => {
  it("answers the scheduled warmer at once, without running handler logic", async () => {
    const result = await createWinery({ instruction: "warmer" } as never, lambdaContext());
    expect(result).toEqual({ statusCode: 200, body: "warm" });
  });

  it("rejects malformed JSON with 400 problem+json naming the body", async () => {
    const problem = problemOf(await createWinery(jsonEvent('{"name": ', asAdmin), lambdaContext()));
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual([{ path: "/body", message: "must be valid JSON" }]);
  });

  it("rejects a missing or wrong content type with 415", async () => {
    const body = JSON.stringify(validWinery);
    for (const contentType of [undefined, "text/plain", "application/json; charset=latin1"]) {
      const headers: Record<string, string> = contentType ? { "Content-Type": contentType } : {};
      const result = await createWinery(jsonEvent(body, { ...asAdmin, headers }), lambdaContext());
      expect(result.statusCode, String(contentType)).toBe(415);
      expect(problemOf(result).type).toMatch(/unsupported-media-type/);
    }
  });

  it("rejects a body over 64 KB with 413 before parsing it", async () => {
    const body = JSON.stringify({ ...validWinery, name: "x".repeat(70 * 1024) });
    const result = await createWinery(jsonEvent(body, asAdmin), lambdaContext());
    expect(result.statusCode).toBe(413);
  });

  it("names every field with a wrong type, an extra property or a missing requirement", async () => {
    const body = JSON.stringify({
      name: "X",
      lat: "north",
      lng: 500,
      extra: 1,
      ["__proto__"]: { admin: true },
    });
    const problem = problemOf(await createWinery(jsonEvent(body, asAdmin), lambdaContext()));
    expect(problem.status).toBe(400);
    const errors = Object.fromEntries((problem.errors ?? []).map((error) => [error.path, error.message]));
    expect(errors).toMatchObject({
      "/body/lat": "must be number",
      "/body/lng": "must be <= 180",
      "/body/region": "is required",
      "/body/extra": "is not allowed",
      "/body/__proto__": "is not allowed",
    });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it("requires a caller on secured operations and the admin group on admin ones, in the handler itself", async () => {
    const body = JSON.stringify(validWinery);
    const anonymous = await createWinery(jsonEvent(body, { ...asAdmin, claims: undefined }), lambdaContext());
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers?.["WWW-Authenticate"]).toBe("Bearer");
    const user = await createWinery(jsonEvent(body, { ...asAdmin, claims: ALICE }), lambdaContext());
    expect(user.statusCode).toBe(403);
  });

  it("turns a lost database into 503 with Retry-After", async () => {
    const logs = captureLogs();
    const result = await createWinery(jsonEvent(JSON.stringify(validWinery), asAdmin), lambdaContext());
    expect(result.statusCode).toBe(503);
    expect(result.headers?.["Retry-After"]).toBe("1");
    expect(problemOf(result).detail).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    expect(logs.events()).toContainEqual(
      expect.objectContaining({ operationId: "createWineryV1", status: 503 }),
    );
  });

  it("refuses to recurse past the invocation depth limit", async () => {
    const logs = captureLogs();
    const result = await ping({ ...proxyEvent(), cellarInvokeDepth: 4 } as never, lambdaContext());
    expect(result.statusCode).toBe(508);
    const ok = await ping({ ...proxyEvent(), cellarInvokeDepth: 2 } as never, lambdaContext());
    expect(ok.statusCode).toBe(200);
    // Clients cannot trip the guard: a header of the same name is just a header.
    const spoofed = await ping(proxyEvent({ headers: { "X-Cellar-Invoke-Depth": "9" } }), lambdaContext());
    expect(spoofed.statusCode).toBe(200);
    expect(logs.events()).toMatchObject([{ operationId: "pingV1", status: 508 }]);
  });
});

describe("errors from the implementation", () => {
  it("hides an unexpected error behind a generic 500", async () => {
    const logs = captureLogs();
    const failing = defineOperation(pingV1Spec, pingValidators, async () => {
      throw new Error("password=hunter2 at /srv/secret.ts:42");
    });
    const result = await failing(proxyEvent(), lambdaContext());
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toMatch(/hunter2|secret|at \//);
    expect(problemOf(result).detail).toBe("An unexpected error occurred.");
    expect(logs.events()).toMatchObject([
      { message: "request failed", status: 500, error: "password=hunter2 at /srv/secret.ts:42" },
    ]);
  });

  it("refuses a response that breaks the documented schema", async () => {
    const logs = captureLogs();
    const drifting = defineOperation(pingV1Spec, pingValidators, async () => ({
      status: 200,
      body: { status: "ok", version: "v1", region: 42, time: "yesterday" } as never,
    }));
    const result = await drifting(proxyEvent(), lambdaContext());
    expect(result.statusCode).toBe(500);
    expect(logs.events()).toContainEqual(
      expect.objectContaining({ message: "response breaks the contract" }),
    );
  });

  it("answers 503 with Retry-After when the function is about to run out of time (Middy's early timeout)", async () => {
    const logs = captureLogs();
    const slow = defineOperation(pingV1Spec, pingValidators, () => new Promise<never>(() => {}));
    const context = { ...lambdaContext(), getRemainingTimeInMillis: () => 30 };
    const result = await slow(proxyEvent(), context);
    expect(result.statusCode).toBe(503);
    expect(result.headers?.["Retry-After"]).toBe("1");
    expect(logs.events()).toMatchObject([{ operationId: "pingV1", status: 503 }]);
  });

  it("refuses an undocumented status", async () => {
    const logs = captureLogs();
    const teapot = defineOperation(
      pingV1Spec,
      pingValidators,
      async () => ({ status: 418, body: undefined }) as never,
    );
    expect((await teapot(proxyEvent(), lambdaContext())).statusCode).toBe(500);
    expect(logs.events()).toContainEqual(
      expect.objectContaining({ message: "response breaks the contract" }),
    );
  });
});

describe("CORS on Lambda responses", () => {
  it("allows only configured origins, on successes and errors alike", async () => {
    // Its error responses are real 500s, logged as such; the CORS headers are what this test checks.
    captureLogs();
    process.env.CORS_ORIGINS = "https://app.example";
    try {
      const { handler } = await import("../../src/handlers/ping-v2.handler.js");
      const allowed = await handler(
        proxyEvent({ headers: { Origin: "https://app.example" } }),
        lambdaContext(),
      );
      expect(allowed.headers?.["Access-Control-Allow-Origin"]).toBe("https://app.example");
      const refused = await handler(
        proxyEvent({ headers: { Origin: "https://evil.example" } }),
        lambdaContext(),
      );
      expect(refused.headers?.["Access-Control-Allow-Origin"]).toBeUndefined();
      const failed = await handler(
        { ...proxyEvent({ headers: { Origin: "https://app.example" } }), cellarInvokeDepth: 9 } as never,
        lambdaContext(),
      );
      expect(failed.statusCode).toBe(508);
      expect(failed.headers?.["Access-Control-Allow-Origin"]).toBe("https://app.example");
    } finally {
      delete process.env.CORS_ORIGINS;
    }
  });
});
