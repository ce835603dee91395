import { describe, expect, it } from "vitest";
import { defineOperation } from "../../src/runtime/define-operation.js";
import type { OperationSpec, OperationValidators } from "../../src/runtime/operation-spec.js";
import { captureLogs } from "../support/capture-logs.js";
import { lambdaContext, proxyEvent } from "../support/proxy-events.js";

const spec: OperationSpec = {
  operationId: "listThings",
  method: "GET",
  path: "/v1/things",
  parameters: [],
  requestContentTypes: null,
  requestBodyRequired: false,
  responses: { "200": "application/json", "500": "application/problem+json" },
  secured: false,
  groups: [],
  deprecated: false,
};
const validators = { request: () => true } as unknown as OperationValidators;
const HYBRID = ["capacitor://localhost", "ionic://localhost", "https://localhost"];

/** A wrapped operation defined while `CORS_ORIGINS` is `corsOrigins`, as a cold start reads it. */
function operation(corsOrigins: string, outcome: "ok" | "fail" = "ok", headers: Record<string, string> = {}) {
  process.env.CORS_ORIGINS = corsOrigins;
  try {
    return defineOperation(spec, validators, async () => {
      if (outcome === "fail") throw new Error("boom");
      return { status: 200, body: [], headers } as never;
    });
  } finally {
    delete process.env.CORS_ORIGINS;
  }
}

const call = async (handler: ReturnType<typeof operation>, headers: Record<string, string>) =>
  (await handler(proxyEvent({ headers }), lambdaContext())).headers ?? {};

describe("CORS on Lambda responses, for hybrid app webviews", () => {
  const configured = `https://www.example.org,${HYBRID.join(",")},null`;

  it.each([...HYBRID, "null"])("echoes %s with Vary: Origin, on successes and errors", async (origin) => {
    const logs = captureLogs();
    for (const handler of [operation(configured), operation(configured, "fail")]) {
      const headers = await call(handler, { Origin: origin });
      expect(headers["Access-Control-Allow-Origin"]).toBe(origin);
      expect(headers.Vary).toBe("Origin");
    }
    expect(logs.events()).toMatchObject([{ message: "request failed", error: "boom", status: 500 }]);
  });

  it("finds the origin under the lower-case name HTTP/2 clients send", async () => {
    const headers = await call(operation(configured), { origin: "ionic://localhost" });
    expect(headers["Access-Control-Allow-Origin"]).toBe("ionic://localhost");
  });

  it.each(["https://evil.example", "http://localhost", "capacitor://local", "CAPACITOR://LOCALHOST"])(
    "gives %s no Access-Control-Allow-Origin, only Vary: Origin",
    async (origin) => {
      const headers = await call(operation(configured), { Origin: origin });
      expect(headers["Access-Control-Allow-Origin"]).toBeUndefined();
      expect(headers.Vary).toBe("Origin");
    },
  );

  it("allows the origin null only when it is configured", async () => {
    const headers = await call(operation(HYBRID.join(",")), { Origin: "null" });
    expect(headers["Access-Control-Allow-Origin"]).toBeUndefined();
    expect(headers.Vary).toBe("Origin");
  });

  it("keeps what a handler's response already varies on", async () => {
    const headers = await call(operation(configured, "ok", { Vary: "Accept-Language" }), {
      Origin: "capacitor://localhost",
    });
    expect(headers.Vary).toBe("Accept-Language, Origin");
  });

  it("refuses, at definition, a CORS_ORIGINS that could never match", () => {
    expect(() => operation("https://www.example.org/app")).toThrow("is not an origin: it has a path");
  });
});
