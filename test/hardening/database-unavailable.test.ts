import { afterAll, describe, expect, it } from "vitest";
import { listOperations, loadSpec } from "../../contract-tests/lib/openapi-document.cjs";
import { checkResponse } from "../../contract-tests/lib/response-contract.cjs";
import { createSchemaValidator } from "../../contract-tests/lib/schema-validator.cjs";
import { closeDatabase } from "../../src/db/database-instance.js";
import { listWineriesV1Spec } from "../../src/generated/operations/listWineriesV1.gen.js";
import listWineriesV1Validators from "../../src/generated/validators/listWineriesV1.gen.js";
import { handler as listWineriesV1 } from "../../src/handlers/list-wineries-v1.handler.js";
import { isDatabaseUnavailable } from "../../src/runtime/database-unavailable.js";
import type { OperationValidators } from "../../src/runtime/operation-spec.js";
import { problemResponse } from "../../src/runtime/problem.js";
import { toProblem } from "../../src/runtime/problem-errors.js";
import { documentedResponses, respond } from "../../src/runtime/respond.js";
import { captureLogs } from "../support/capture-logs.js";
import { lambdaContext, proxyEvent } from "../support/proxy-events.js";

// Nothing here may reach a database: the one handler call below must find it gone.
process.env.DATABASE_URL = "postgres://nobody@127.0.0.1:1/none";
afterAll(() => closeDatabase().catch(() => {}));

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

/** The errors test/hardening/database-outage.test.ts provokes for real, plus the ones it cannot. */
describe("telling a lost database from a bad query", () => {
  it("recognises what pg, pg-pool, kysely and Postgres say when the database is gone", () => {
    const lost = [
      withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"),
      withCode("terminating connection due to administrator command", "57P01"),
      withCode("the database system is starting up", "57P03"),
      withCode("sorry, too many clients already", "53300"),
      withCode("could not receive data from client", "08006"),
      new Error("Connection terminated unexpectedly"),
      new Error("timeout exceeded when trying to connect"),
      // kysely rethrows the failed ROLLBACK's error, not the one that broke the transaction.
      new Error("Client has encountered a connection error and is not queryable"),
      new Error("Database migrating (before any migration ran) failed", {
        cause: withCode("x", "ECONNRESET"),
      }),
      new AggregateError([withCode("connect ECONNREFUSED ::1:5432", "ECONNREFUSED")], "all attempts failed"),
    ];
    for (const error of lost) expect(isDatabaseUnavailable(error), error.message).toBe(true);
  });

  it("leaves query and programming errors to be 500s", () => {
    const bugs = [
      withCode('duplicate key value violates unique constraint "x"', "23505"),
      withCode('invalid input syntax for type uuid: "x"', "22P02"),
      withCode("value out of range: underflow", "22003"),
      new RangeError("limit must be a positive integer"),
      new Error("a", { cause: new Error("b", { cause: new Error("c") }) }),
      null,
      "ECONNREFUSED",
    ];
    for (const error of bugs) expect(isDatabaseUnavailable(error), String(error)).toBe(false);
  });

  it("turns a lost database, and a function about to time out, into a 503 with Retry-After", () => {
    const timeout = Object.assign(new Error("[AbortError]: The operation was aborted."), {
      name: "TimeoutError",
    });
    for (const error of [new Error("Connection terminated unexpectedly"), timeout]) {
      const problem = toProblem(error);
      expect(problem.status).toBe(503);
      expect(problem.headers["Retry-After"]).toBe("1");
    }
    expect(toProblem(withCode("duplicate key", "23505")).status).toBe(500);
  });
});

/** openapi.yaml documents the 503 (components/responses/ServiceUnavailable); what we send must match it. */
describe("the 503 for a lost database, against the contract", () => {
  const doc = loadSpec();
  const operations = listOperations(doc);
  const validator = createSchemaValidator(doc);
  const lowerCased = (headers: Record<string, unknown> = {}) =>
    Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
  const lostDatabase = () => toProblem(new Error("Connection terminated unexpectedly"));

  it("is documented by every operation but the pings, which never touch the database", () => {
    const without = operations.filter((op) => !("503" in op.responses)).map((op) => op.operationId);
    expect(without.sort()).toEqual(["pingV1", "pingV2"]);
  });

  it.each(operations.filter((op) => "503" in op.responses))(
    "$operationId: body, media type and Retry-After match the documented 503",
    async (operation) => {
      const response = problemResponse(lostDatabase(), operation.path);
      const module = await import(`../../src/generated/validators/${operation.operationId}.gen.js`);
      const validators = module.default as OperationValidators;
      // The generated validator the runtime's response check uses for this operation's 503.
      expect(validators.response503?.(JSON.parse(response.body))).toBe(true);
      // The independent check the contract suite grades responses with, documented headers included.
      const failures = checkResponse({
        operation,
        status: response.statusCode,
        headers: lowerCased(response.headers),
        bodyText: response.body,
        validator,
      });
      expect(failures).toEqual([]);
    },
  );

  it('passes the runtime\'s response check in "enforce" mode when an implementation returns it', () => {
    const { body, headers } = problemResponse(lostDatabase(), "/v1/wineries");
    const responses = documentedResponses(listWineriesV1Spec, listWineriesV1Validators);
    const result = respond(listWineriesV1Spec, responses, "enforce", {
      status: 503,
      body: JSON.parse(body),
      headers: { "Retry-After": headers["Retry-After"]! },
    });
    expect(result.statusCode).toBe(503);
    expect(result.headers["Content-Type"]).toBe("application/problem+json");
    expect(result.headers["Retry-After"]).toBe("1");
  });

  it("is what a real handler answers when the database is unreachable", async () => {
    const logs = captureLogs();
    const event = proxyEvent({
      resource: "/wineries",
      path: "/v1/wineries",
      queryStringParameters: { lat: "38.5", lng: "-122.4" },
    });
    const response = await listWineriesV1(event, lambdaContext());
    const operation = operations.find((op) => op.operationId === "listWineriesV1")!;
    expect(response.statusCode, response.body).toBe(503);
    expect(
      checkResponse({
        operation,
        status: response.statusCode,
        headers: lowerCased(response.headers),
        bodyText: response.body,
        validator,
      }),
    ).toEqual([]);
    expect(logs.events()).toMatchObject([{ level: "error", operationId: "listWineriesV1", status: 503 }]);
  });
});
