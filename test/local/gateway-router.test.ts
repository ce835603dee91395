import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  GatewayDefinitionError,
  parseLambdaIntegrationUri,
  resolveStageVariables,
} from "../../src/local/gateway-definition.js";
import { createGatewayRouter, type RouteResult } from "../../src/local/gateway-router.js";
import { ALIAS_REFERENCE, gatewayFixture, lambdaUri } from "./support/gateway-fixture.js";
import { expectProblemShape, type Harness, request, startHarness } from "./support/local-stage-harness.js";

const router = createGatewayRouter(gatewayFixture("V1"));

function matched(result: RouteResult) {
  if (result.outcome !== "matched") throw new Error(`expected a match, got ${result.outcome}`);
  return result;
}

describe("gateway router", () => {
  it("routes to the function named by the integration URI", () => {
    const match = matched(router.match("GET", "/wineries/42"));
    expect(match).toMatchObject({
      resource: "/wineries/{wineryId}",
      pathParameters: { wineryId: "42" },
      operationId: "getWineryV1",
      secured: false,
      target: { type: "lambda", functionName: "cellar-getWineryV1", qualifier: ALIAS_REFERENCE },
    });
  });

  it("prefers literal segments over templated ones", () => {
    expect(matched(router.match("GET", "/wineries/near")).resource).toBe("/wineries/near");
    expect(matched(router.match("GET", "/wineries/nearby")).resource).toBe("/wineries/{wineryId}");
  });

  it("falls back to a template when the literal branch has no such resource deeper down", () => {
    const match = matched(router.match("GET", "/wineries/near/reviews/7"));
    expect(match.resource).toBe("/wineries/{wineryId}/reviews/{reviewId}");
    expect(match.pathParameters).toEqual({ wineryId: "near", reviewId: "7" });
  });

  it("percent-decodes path parameters", () => {
    const match = matched(router.match("GET", "/wineries/ch%C3%A2teau%20margaux%2Fgrand/reviews/a%2Bb"));
    expect(match.pathParameters).toEqual({ wineryId: "château margaux/grand", reviewId: "a+b" });
  });

  it("treats a trailing slash like API Gateway does", () => {
    expect(matched(router.match("GET", "/ping/")).resource).toBe("/ping");
  });

  it("captures greedy parameters and ANY methods", () => {
    const match = matched(router.match("DELETE", "/files/a/b%20c/d"));
    expect(match.resource).toBe("/files/{proxy+}");
    expect(match.pathParameters).toEqual({ proxy: "a/b c/d" });
  });

  it("marks operations with a Cognito security requirement as secured", () => {
    expect(matched(router.match("POST", "/wineries")).secured).toBe(true);
    expect(matched(router.match("GET", "/wineries")).secured).toBe(false);
  });

  it("turns OPTIONS mock integrations into CORS preflights", () => {
    const match = matched(router.match("OPTIONS", "/wineries"));
    expect(match.target).toEqual({
      type: "cors-preflight",
      statusCode: 204,
      headers: {
        "Access-Control-Allow-Methods": "GET,OPTIONS,POST",
        "Access-Control-Allow-Headers": "Authorization,Content-Type,Idempotency-Key",
      },
    });
  });

  it("reports unknown paths, other methods and broken encodings", () => {
    expect(router.match("GET", "/nope").outcome).toBe("not-found");
    expect(router.match("GET", "/wineries/1/reviews").outcome).toBe("not-found");
    expect(router.match("GET", "/wineries//reviews/1").outcome).toBe("not-found");
    expect(router.match("DELETE", "/wineries/1")).toEqual({
      outcome: "method-not-allowed",
      resource: "/wineries/{wineryId}",
      allow: ["GET", "PATCH"],
    });
    expect(router.match("GET", "/wineries/%E0%A4%A").outcome).toBe("bad-path");
  });

  it("requires an API key where the method's security names the x-api-key header scheme", () => {
    const integration = { type: "aws_proxy", httpMethod: "POST", uri: lambdaUri("cellar-x") };
    const definition = (security: Array<Record<string, string[]>>, keySource?: string) => ({
      ...(keySource ? { "x-amazon-apigateway-api-key-source": keySource } : {}),
      paths: {
        "/x": { get: { operationId: "x", security, "x-amazon-apigateway-integration": integration } },
      },
      components: {
        securitySchemes: {
          api_key: { type: "apiKey", name: "x-api-key", in: "header" },
          cognito: {
            type: "apiKey",
            name: "Authorization",
            in: "header",
            "x-amazon-apigateway-authtype": "cognito_user_pools",
          },
          query_key: { type: "apiKey", name: "api_key", in: "query" },
        },
      },
    });
    const keyed = matched(createGatewayRouter(definition([{ api_key: [] }], "HEADER")).match("GET", "/x"));
    expect([keyed.secured, keyed.apiKeyRequired]).toEqual([false, true]);
    const both = matched(
      createGatewayRouter(definition([{ cognito: [], api_key: [] }], "HEADER")).match("GET", "/x"),
    );
    expect([both.secured, both.apiKeyRequired]).toEqual([true, true]);
    expect(matched(router.match("GET", "/wineries")).apiKeyRequired).toBe(false);
    // A key read from anywhere but the x-api-key header, or with no HEADER key source, is refused.
    expect(() => createGatewayRouter(definition([{ query_key: [] }], "HEADER"))).toThrow(/query_key/);
    expect(() => createGatewayRouter(definition([{ api_key: [] }]))).toThrow(/api-key-source/);
  });

  it("refuses definitions it could not route faithfully", () => {
    const integration = { type: "aws_proxy", httpMethod: "POST", uri: lambdaUri("cellar-x") };
    expect(() =>
      createGatewayRouter({ paths: { "/x": { get: { "x-amazon-apigateway-integration": integration } } } }),
    ).toThrow(/missing operationId/);
    expect(() =>
      createGatewayRouter({
        paths: {
          "/x": {
            get: {
              operationId: "x",
              security: [{ apiKey: [] }],
              "x-amazon-apigateway-integration": integration,
            },
          },
        },
      }),
    ).toThrow(GatewayDefinitionError);
    expect(() =>
      createGatewayRouter({
        paths: { "/x": { get: { operationId: "x", "x-amazon-apigateway-integration": { type: "http" } } } },
      }),
    ).toThrow(/aws_proxy/);
    expect(() =>
      createGatewayRouter({
        paths: {
          "/a/{id}": { get: { operationId: "a", "x-amazon-apigateway-integration": integration } },
          "/a/{other}/b": { get: { operationId: "b", "x-amazon-apigateway-integration": integration } },
        },
      }),
    ).toThrow(/sibling parameter/);
  });
});

describe("integration URIs", () => {
  it("extracts the function name and its stage-variable qualifier", () => {
    expect(parseLambdaIntegrationUri(lambdaUri("cellar-getWineryV1"))).toEqual({
      functionName: "cellar-getWineryV1",
      qualifier: ALIAS_REFERENCE,
    });
    expect(resolveStageVariables(ALIAS_REFERENCE, { alias: "v2" })).toBe("v2");
    expect(() => resolveStageVariables(ALIAS_REFERENCE.replace("alias", "missing"), { alias: "v2" })).toThrow(
      /missing/,
    );
  });
});

describe("routing over HTTP", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  it("dispatches each base path to its own stage", async () => {
    expect((await request(harness.port, "/v1/ping")).json()).toEqual({ operationId: "pingV1" });
    expect((await request(harness.port, "/v2/ping")).json()).toEqual({ operationId: "pingV2" });
    const line = /^GET \/v1\/ping -> 200 \(\d+ ms\) pingV1 cellar-pingV1:v1$/;
    expect(harness.logs.some((entry) => line.test(entry))).toBe(true);
  });

  it("answers an unknown path with a 404 problem", async () => {
    for (const path of ["/v1/unknown", "/v3/ping", "/nowhere"]) {
      const response = await request(harness.port, path);
      expect(response.status).toBe(404);
      expect(expectProblemShape(response)).toEqual({
        type: "https://cellar.dev/problems/not-found",
        title: "Not Found",
        status: 404,
        detail: `No resource matches ${path}`,
        instance: path,
      });
    }
  });

  it("answers a known path with another method with a 405 problem and Allow", async () => {
    const response = await request(harness.port, "/v1/wineries/1", { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe("GET, PATCH");
    expect(expectProblemShape(response)).toMatchObject({ status: 405, instance: "/v1/wineries/1" });
    expect(
      harness.invocations.some(
        (call) => call.event.path === "/v1/wineries/1" && call.event.httpMethod === "DELETE",
      ),
    ).toBe(false);
  });

  it("answers malformed percent-encoding with a 400 problem", async () => {
    const response = await request(harness.port, "/v1/wineries/%E0%A4%A");
    expect(response.status).toBe(400);
    expectProblemShape(response);
  });
});
