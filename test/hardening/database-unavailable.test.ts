import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "../../src/runtime/database-unavailable.js";
import { toProblem } from "../../src/runtime/problem-errors.js";

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
