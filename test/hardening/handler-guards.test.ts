import { afterAll, describe, expect, it } from "vitest";
import { listOperations, loadSpec, type SpecOperation } from "../../contract-tests/lib/openapi-document.cjs";
import { closeDatabase } from "../../src/db/database-instance.js";
import { handlers } from "../../src/handlers/index.js";
import { findHandler } from "../../src/local/handler-registry.js";
import { captureLogs } from "../support/capture-logs.js";
import { lambdaContext, problemOf, proxyEvent } from "../support/proxy-events.js";

// Nothing here may need the database: a closed port turns any access into a 503, which would show.
process.env.DATABASE_URL = "postgres://nobody@127.0.0.1:1/none";
afterAll(() => closeDatabase().catch(() => {}));

/**
 * Every Lambda handler invoked directly, as if the gateway were misconfigured or bypassed (a direct
 * invoke, a method left without an authorizer): the wrapper must still guard it. The table comes
 * from openapi.yaml through the contract suite's reader, not from the generated code under test.
 */
const operations = listOperations(loadSpec());
const EXAMPLE_ID = "3f2b8c1e-5d4a-4e7b-9c2d-1a6e8f0b7c45";

function eventFor(operation: SpecOperation, overrides: Parameters<typeof proxyEvent>[0] = {}) {
  const pathParameters = Object.fromEntries(
    operation.parameters.filter((p) => p.in === "path").map((p) => [p.name, EXAMPLE_ID]),
  );
  const mediaType = Object.keys(operation.requestBody?.content ?? {})[0];
  return proxyEvent({
    httpMethod: operation.method,
    resource: operation.path.replace(/^\/v\d+/, ""),
    path: operation.path.replace(/\{[^}]+\}/g, EXAMPLE_ID),
    pathParameters: Object.keys(pathParameters).length > 0 ? pathParameters : null,
    ...(mediaType ? { body: "{}", headers: { "Content-Type": mediaType } } : {}),
    ...overrides,
  });
}

const handlerOf = (operation: SpecOperation) => {
  const handler = findHandler(handlers, operation.operationId);
  if (!handler) throw new Error(`no handler registered for ${operation.operationId}`);
  return handler;
};

describe("every generated handler, invoked without the gateway", () => {
  it("covers every operation of the spec", () => {
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations)
      expect(findHandler(handlers, operation.operationId), operation.operationId).toBeDefined();
  });

  it.each(operations.filter((op) => op.secured).map((op) => [op.operationId, op] as const))(
    "%s refuses an event without Cognito claims with 401 and WWW-Authenticate",
    async (_id, operation) => {
      const result = await handlerOf(operation)(eventFor(operation), lambdaContext());
      expect(result.statusCode).toBe(401);
      expect(result.headers?.["WWW-Authenticate"]).toBe("Bearer");
      expect(problemOf(result).status).toBe(401);
    },
  );

  it.each(operations.filter((op) => op.groups.length > 0).map((op) => [op.operationId, op] as const))(
    "%s refuses a caller outside its groups with 403, whatever headers claim",
    async (_id, operation) => {
      const headers: Record<string, string> = {
        ...eventFor(operation).headers,
        "x-cellar-groups": operation.groups.join(","),
        "cognito:groups": operation.groups.join(","),
      };
      for (const groups of ["", "editor", "[editor reader]", "administrators", "admin-like"]) {
        const event = eventFor(operation, { claims: { sub: "mallory", "cognito:groups": groups }, headers });
        const result = await handlerOf(operation)(event, lambdaContext());
        expect(result.statusCode, `groups "${groups}"`).toBe(403);
      }
    },
  );

  it.each(operations.map((op) => [op.operationId, op] as const))(
    "%s answers the scheduled warmer at once, before any other step",
    async (_id, operation) => {
      const result = await handlerOf(operation)({ instruction: "warmer" } as never, lambdaContext());
      expect(result).toEqual({ statusCode: 200, body: "warm" });
    },
  );

  it.each(operations.map((op) => [op.operationId, op] as const))(
    "%s stops a call chain past the invocation depth limit with 508, and lets one within it through",
    async (_id, operation) => {
      const logs = captureLogs();
      const handler = handlerOf(operation);
      const deep = await handler({ ...eventFor(operation), cellarInvokeDepth: 4 } as never, lambdaContext());
      expect(deep.statusCode).toBe(508);
      expect(problemOf(deep).type).toBe("https://cellar.dev/problems/loop-detected");
      const within = await handler(
        {
          ...eventFor(operation, { headers: { "X-Cellar-Invoke-Depth": "99" } }),
          cellarInvokeDepth: 3,
        } as never,
        lambdaContext(),
      );
      expect(within.statusCode).not.toBe(508);
      expect(logs.events()).toContainEqual(
        expect.objectContaining({ operationId: operation.operationId, status: 508 }),
      );
    },
  );
});
