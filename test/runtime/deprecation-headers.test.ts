import type middy from "@middy/core";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { cors } from "../../src/runtime/cors.middleware.js";
import type { OperationSpec, OperationValidators } from "../../src/runtime/operation-spec.js";
import { respond } from "../../src/runtime/respond.middleware.js";

type Request = middy.Request<APIGatewayProxyEvent, APIGatewayProxyResult>;

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

/** Runs the wrapper's response step (and CORS, as the wrapper orders them) on a handler result. */
async function headersFor(spec: OperationSpec, origin?: string) {
  const request = {
    event: { headers: origin ? { origin } : {} },
    response: { status: 200, body: [] },
  } as unknown as Request;
  await respond(spec, validators, "off").after!(request);
  await cors(["https://app.example"]).after!(request);
  return request.response!.headers ?? {};
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
