import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeEventBody, formatRequestTime, queryMaps } from "../../src/local/proxy-event.js";
import { type Harness, request, startHarness } from "./support/local-stage-harness.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80]);

describe("API Gateway REST proxy event (payload v1)", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({
      responders: {
        filesV2: (event) => ({
          statusCode: 201,
          isBase64Encoded: true,
          headers: { "Content-Type": "image/png", "X-Single": "one" },
          multiValueHeaders: { "Set-Cookie": ["a=1", "b=2"], "X-Single": ["wins"] },
          body: event.body,
        }),
      },
    });
  });
  afterAll(() => harness.close());

  const lastInvocation = () => harness.invocations.at(-1)!;

  it("matches the documented shape for a GET with path params, repeated query params and headers", async () => {
    const before = Date.now();
    const response = await request(
      harness.port,
      "/v1/wineries/ch%C3%A2teau/reviews/r-1?tag=red&tag=dry&q=a%20b&empty",
      {
        headers: [
          ["X-Custom-Header", "first"],
          ["X-Custom-Header", "second"],
          ["accept", "application/json"],
          ["User-Agent", "vitest-agent/1.0"],
        ],
      },
    );
    expect(response.status).toBe(200);
    const { event, context, remainingAtStart, operationId } = lastInvocation();
    expect(operationId).toBe("getReviewV1");

    // Top-level keys of the REST proxy event, as in API Gateway's "input format" documentation.
    expect(Object.keys(event).sort()).toEqual(
      [
        "body",
        "headers",
        "httpMethod",
        "isBase64Encoded",
        "multiValueHeaders",
        "multiValueQueryStringParameters",
        "path",
        "pathParameters",
        "queryStringParameters",
        "requestContext",
        "resource",
        "stageVariables",
      ].sort(),
    );
    expect(event).toMatchObject({
      resource: "/wineries/{wineryId}/reviews/{reviewId}",
      path: "/v1/wineries/ch%C3%A2teau/reviews/r-1",
      httpMethod: "GET",
      queryStringParameters: { tag: "dry", q: "a b", empty: "" },
      multiValueQueryStringParameters: { tag: ["red", "dry"], q: ["a b"], empty: [""] },
      pathParameters: { wineryId: "château", reviewId: "r-1" },
      stageVariables: { alias: "v1" },
      body: null,
      isBase64Encoded: false,
    });

    // Header names keep the casing they were sent with; the single-value map keeps the last value.
    expect(event.headers["X-Custom-Header"]).toBe("second");
    expect(event.multiValueHeaders["X-Custom-Header"]).toEqual(["first", "second"]);
    expect(event.headers.accept).toBe("application/json");
    expect(event.headers.Accept).toBeUndefined();
    expect(event.headers.Host).toBe(`127.0.0.1:${harness.port}`);
    expect(event.headers["X-Forwarded-For"]).toBe("127.0.0.1");
    expect(event.headers["X-Forwarded-Proto"]).toBe("http");
    expect(event.headers["X-Forwarded-Port"]).toBe(String(harness.port));
    expect(event.headers["X-Amzn-Trace-Id"]).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(event.multiValueHeaders.accept).toEqual(["application/json"]);

    const ctx = event.requestContext;
    expect(ctx).toMatchObject({
      accountId: "123456789012",
      apiId: "local",
      resourcePath: "/wineries/{wineryId}/reviews/{reviewId}",
      httpMethod: "GET",
      path: "/v1/wineries/ch%C3%A2teau/reviews/r-1",
      stage: "prodv1",
      protocol: "HTTP/1.1",
      domainName: `127.0.0.1:${harness.port}`,
      identity: { sourceIp: "127.0.0.1", userAgent: "vitest-agent/1.0", cognitoIdentityId: null, user: null },
    });
    expect(ctx.authorizer).toBeUndefined();
    expect(ctx.requestId).toMatch(UUID);
    expect(response.headers["x-amzn-requestid"]).toBe(ctx.requestId);
    expect(ctx.requestTimeEpoch).toBeGreaterThanOrEqual(before);
    expect(ctx.requestTimeEpoch).toBeLessThanOrEqual(Date.now());
    expect(ctx.requestTime).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(ctx.resourceId).toMatch(/^[0-9a-f]{6}$/);

    // The Lambda side: the function the URI names, qualified by the alias the stage variables select.
    expect(context).toMatchObject({
      functionName: "cellar-getReviewV1",
      functionVersion: "$LATEST",
      invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:cellar-getReviewV1:v1",
      logGroupName: "/aws/lambda/cellar-getReviewV1",
      callbackWaitsForEmptyEventLoop: true,
    });
    expect(context.awsRequestId).toMatch(UUID);
    expect(context.awsRequestId).not.toBe(ctx.requestId);
    expect(remainingAtStart).toBeGreaterThan(28_000);
    expect(remainingAtStart).toBeLessThanOrEqual(29_000);
  });

  it("uses null for absent query strings and path parameters, and the v2 stage for /v2", async () => {
    await request(harness.port, "/v2/ping");
    const { event, context } = lastInvocation();
    expect(event.queryStringParameters).toBeNull();
    expect(event.multiValueQueryStringParameters).toBeNull();
    expect(event.pathParameters).toBeNull();
    expect(event.stageVariables).toEqual({ alias: "v2" });
    expect(event.requestContext.stage).toBe("prodv2");
    expect(context.invokedFunctionArn.endsWith(":function:cellar-pingV2:v2")).toBe(true);
  });

  it("passes textual bodies as strings", async () => {
    const body = JSON.stringify({ name: "Château Montelena", note: "ünïcödé" });
    await request(harness.port, "/v1/files/notes.json", {
      method: "PUT",
      headers: { "Content-Type": "application/vnd.cellar+json; charset=utf-8" },
      body,
    });
    const { event } = lastInvocation();
    expect(event).toMatchObject({ body, isBase64Encoded: false, httpMethod: "PUT" });
    expect(event.pathParameters).toEqual({ proxy: "notes.json" });
  });

  it("base64-encodes binary bodies and decodes base64 responses", async () => {
    const response = await request(harness.port, "/v2/files/logo.png", {
      method: "POST",
      headers: { "Content-Type": "image/png" },
      body: PNG,
    });
    const { event } = lastInvocation();
    expect(event.isBase64Encoded).toBe(true);
    expect(event.body).toBe(PNG.toString("base64"));
    expect(response.status).toBe(201);
    expect(response.body.equals(PNG)).toBe(true);
    expect(response.headers["content-type"]).toBe("image/png");
    expect(response.headers["set-cookie"]).toEqual(["a=1", "b=2"]);
    // multiValueHeaders wins over headers for the same name, as documented for proxy integrations.
    expect(response.headers["x-single"]).toBe("wins");
  });

  it("defaults the response content type to application/json and sends no server banner headers", async () => {
    const response = await request(harness.port, "/v1/ping");
    expect(response.headers["x-powered-by"]).toBeUndefined();
    expect(response.headers.server).toBeUndefined();
    expect(response.headers["content-type"]).toBe("application/json");
  });
});

describe("event helpers", () => {
  it("keeps the last value of a repeated query key and null maps when there is none", () => {
    expect(queryMaps("")).toEqual({ queryStringParameters: null, multiValueQueryStringParameters: null });
    expect(queryMaps("a=1&a=2&b=%2B")).toEqual({
      queryStringParameters: { a: "2", b: "+" },
      multiValueQueryStringParameters: { a: ["1", "2"], b: ["+"] },
    });
  });

  it("treats json, +json, text/*, form-urlencoded and xml as text and everything else as binary", () => {
    const body = Buffer.from("x=1");
    for (const type of [
      "application/json",
      "application/problem+json",
      "text/plain; charset=utf-8",
      "application/x-www-form-urlencoded",
      "application/xml",
      "text/csv",
    ]) {
      expect(encodeEventBody(body, type)).toEqual({ body: "x=1", isBase64Encoded: false });
    }
    for (const type of [
      undefined,
      "application/octet-stream",
      "image/png",
      "multipart/form-data; boundary=x",
    ]) {
      expect(encodeEventBody(body, type)).toEqual({ body: body.toString("base64"), isBase64Encoded: true });
    }
    expect(encodeEventBody(Buffer.alloc(0), "application/json")).toEqual({
      body: null,
      isBase64Encoded: false,
    });
  });

  it("formats requestTime like API Gateway", () => {
    expect(formatRequestTime(Date.UTC(2015, 3, 9, 12, 34, 56))).toBe("09/Apr/2015:12:34:56 +0000");
  });
});
