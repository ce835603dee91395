import { afterEach, describe, expect, it } from "vitest";
// The app's own settings (DATABASE_POOL_MAX...) are checked by every function that opens the database.
import "../../src/db/database-instance.js";
import { pingV1Spec } from "../../src/generated/operations/pingV1.gen.js";
import pingValidators from "../../src/generated/validators/pingV1.gen.js";
import { defineOperation } from "../../src/runtime/define-operation.js";
import { INVOKE_DEPTH_FIELD } from "../../src/runtime/recursion-guard.js";
import { captureLogs } from "../support/capture-logs.js";
import { lambdaContext, problemOf, proxyEvent } from "../support/proxy-events.js";

// defineOperation runs while a handler's module loads, i.e. during the Lambda's init.
const VARIABLES = ["CELLAR_MAX_INVOKE_DEPTH", "CELLAR_RESPONSE_VALIDATION", "DATABASE_POOL_MAX"] as const;
const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
afterEach(() => {
  for (const name of VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

const definePing = () =>
  defineOperation(pingV1Spec, pingValidators, async () => ({
    status: 200,
    body: { status: "ok", version: "v1", region: "test", time: new Date(0).toISOString() } as never,
  }));

describe("settings are checked when a handler is defined", () => {
  it.each([
    ["CELLAR_MAX_INVOKE_DEPTH", "abc"],
    ["CELLAR_RESPONSE_VALIDATION", "strict"],
    ["DATABASE_POOL_MAX", "lots"],
  ])("%s=%s fails the definition, naming the variable", (variable, value) => {
    process.env[variable] = value;
    expect(definePing).toThrow(new RegExp(`^${variable} `));
  });

  it("the recursion guard uses CELLAR_MAX_INVOKE_DEPTH: 1 lets depth 1 through and stops depth 2", async () => {
    process.env.CELLAR_MAX_INVOKE_DEPTH = "1";
    const logs = captureLogs();
    const ping = definePing();
    const at = (depth: number) => ({ ...proxyEvent(), [INVOKE_DEPTH_FIELD]: depth });
    expect((await ping(at(1), lambdaContext())).statusCode).toBe(200);
    const refused = await ping(at(2), lambdaContext());
    expect(refused.statusCode).toBe(508);
    expect(problemOf(refused).status).toBe(508);
    expect(logs.events()).toMatchObject([{ status: 508 }]);
  });
});
