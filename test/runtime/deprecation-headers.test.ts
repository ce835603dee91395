import { describe, expect, it } from "vitest";
import { defineOperation } from "../../src/runtime/define-operation.js";
import type { OperationSpec, OperationValidators } from "../../src/runtime/operation-spec.js";
import { lambdaContext, proxyEvent } from "../support/proxy-events.js";

const base: OperationSpec = {
  operationId: "listThings",
  method: "GET",
  path: "/v1/things",
  parameters: [],
  requestContentTypes: null,
  requestBodyRequired: false,
  responses: { "200": "application/json" },
  secured: false,
  groups: [],
  deprecated: false,
};
const validators = { request: () => true } as unknown as OperationValidators;

/** The headers a wrapped operation answers with, CORS allowing https://app.example. */
async function headersFor(spec: OperationSpec, origin?: string) {
  process.env.CORS_ORIGINS = "https://app.example";
  try {
    const handler = defineOperation(spec, validators, async () => ({ status: 200, body: [] }) as never);
    const result = await handler(proxyEvent({ headers: origin ? { Origin: origin } : {} }), lambdaContext());
    expect(result.statusCode).toBe(200);
    return result.headers ?? {};
  } finally {
    delete process.env.CORS_ORIGINS;
  }
}

describe("deprecation headers from the generated wrapper", () => {
  it("sends nothing for a current operation", async () => {
    const headers = await headersFor(base);
    expect(headers.Deprecation).toBeUndefined();
    expect(headers.Sunset).toBeUndefined();
  });

  it("sends `Deprecation: true` for an undated deprecation", async () => {
    expect((await headersFor({ ...base, deprecated: true })).Deprecation).toBe("true");
  });

  it("sends the dated Deprecation and the Sunset the spec gives, exposed to allowed browser origins", async () => {
    const spec = {
      ...base,
      deprecated: true,
      deprecationHeader: "@1767225600",
      sunsetHeader: "Thu, 31 Dec 2026 00:00:00 GMT",
    };
    const headers = await headersFor(spec, "https://app.example");
    expect(headers).toMatchObject({
      Deprecation: "@1767225600",
      Sunset: "Thu, 31 Dec 2026 00:00:00 GMT",
      "Access-Control-Expose-Headers": "Deprecation, Sunset",
    });
    expect((await headersFor(spec, "https://evil.example"))["Access-Control-Expose-Headers"]).toBeUndefined();
  });
});
