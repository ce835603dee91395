import { describe, expect, it } from "vitest";
import createWineryValidators from "../../src/generated/validators/createWineryV1.gen.js";
import { defineOperation } from "../../src/runtime/define-operation.js";
import type { OperationSpec, OperationValidators } from "../../src/runtime/operation-spec.js";
import { jsonEvent, lambdaContext, problemOf, proxyEvent } from "../support/proxy-events.js";

const acceptAll = { request: () => true, response200: () => true } as unknown as OperationValidators;

/** A public operation with every kind of parameter, answering 200 with what the implementation got. */
const spec: OperationSpec = {
  operationId: "inspect",
  method: "POST",
  path: "/things/{id}",
  parameters: [
    { name: "id", in: "path", type: "integer" },
    { name: "tags", in: "query", type: "array", itemType: "number" },
    { name: "flag", in: "query", type: "boolean" },
    { name: "lat", in: "query", type: "number" },
    { name: "X-Request-Tag", in: "header", type: "string" },
  ],
  requestContentTypes: ["application/json"],
  requestBodyRequired: false,
  responses: { "200": "application/json" },
  secured: false,
  groups: [],
  deprecated: false,
};

function inspecting(operation: OperationSpec, validators = acceptAll) {
  return defineOperation(operation, validators, async (input) => ({
    status: 200,
    body: { path: input.path, query: input.query, headers: input.headers, body: input.body } as never,
  }));
}

async function inputFor(event: Parameters<ReturnType<typeof inspecting>>[0]) {
  const result = await inspecting(spec)(event, lambdaContext());
  expect(result.statusCode, result.body).toBe(200);
  return JSON.parse(result.body) as Record<string, unknown>;
}

describe("request parameters", () => {
  it("coerce to the declared types, take headers in any case, and leave unparseable values as strings", async () => {
    const input = await inputFor(
      proxyEvent({
        pathParameters: { id: "42" },
        queryStringParameters: { tags: "1,2.5,x", flag: "true", lat: "north" },
        headers: { "x-REQUEST-tag": "abc" },
      }),
    );
    expect(input).toMatchObject({
      path: { id: 42 },
      query: { tags: [1, 2.5, "x"], flag: true, lat: "north" },
      headers: { "X-Request-Tag": "abc" },
    });
  });

  it("prefer the multi-value maps, and refuse a scalar query parameter sent twice", async () => {
    const handler = inspecting(spec);
    const multi = proxyEvent({
      queryStringParameters: { tags: "9", flag: "false" },
      multiValueQueryStringParameters: { tags: ["1", "2,3"], flag: ["false"] },
      headers: { "X-Request-Tag": "single" },
      multiValueHeaders: { "x-request-tag": ["first", "last"] },
    });
    expect(await inputFor(multi)).toMatchObject({
      query: { tags: [1, 2, 3], flag: false },
      headers: { "X-Request-Tag": "last" },
    });
    const repeated = proxyEvent({ multiValueQueryStringParameters: { lat: ["1", "2"] } });
    const problem = problemOf(await handler(repeated, lambdaContext()));
    expect(problem.errors).toEqual([{ path: "/query/lat", message: "must not be repeated" }]);
  });

  it("hand each request its own input, even when requests overlap", async () => {
    const [first, second] = await Promise.all([
      inputFor(
        proxyEvent({
          pathParameters: { id: "1" },
          body: '{"n":1}',
          headers: { "Content-Type": "application/json" },
        }),
      ),
      inputFor(
        proxyEvent({
          pathParameters: { id: "2" },
          body: '{"n":2}',
          headers: { "Content-Type": "application/json" },
        }),
      ),
    ]);
    expect(first).toMatchObject({ path: { id: 1 }, body: { n: 1 } });
    expect(second).toMatchObject({ path: { id: 2 }, body: { n: 2 } });
  });
});

describe("request bodies", () => {
  const winery = { name: "Test Cellars", lat: 38.5, lng: -122.4, region: "Napa Valley" };
  const createWinery = inspecting(
    { ...spec, operationId: "createWinery", parameters: [], responses: { "200": "application/json" } },
    { ...(createWineryValidators as OperationValidators), response200: undefined },
  );

  it("decode base64 bodies and accept a charset of utf-8 in any spelling", async () => {
    const base64 = jsonEvent(Buffer.from(JSON.stringify(winery)).toString("base64"), {
      isBase64Encoded: true,
    });
    expect((await createWinery(base64, lambdaContext())).statusCode).toBe(200);
    const charset = jsonEvent(JSON.stringify(winery), {
      headers: { "content-type": 'Application/JSON; Charset="UTF-8"' },
    });
    expect((await createWinery(charset, lambdaContext())).statusCode).toBe(200);
  });

  it("refuse a base64 body that is not UTF-8 with 400 naming /body, instead of storing U+FFFD", async () => {
    const json = JSON.stringify(winery);
    for (const bytes of [[0xc3, 0x28], [0xff], [0xc0, 0xaf], [0xf0, 0x9f, 0x98]]) {
      const [before, after] = json.split("Test");
      const raw = Buffer.concat([Buffer.from(before!), Buffer.from(bytes), Buffer.from(after!)]);
      const event = jsonEvent(raw.toString("base64"), { isBase64Encoded: true });
      const problem = problemOf(await createWinery(event, lambdaContext()));
      expect(problem.status, bytes.join(" ")).toBe(400);
      expect(problem.detail).toBe("The request body is not valid UTF-8.");
      expect(problem.errors).toEqual([{ path: "/body", message: "must be valid UTF-8" }]);
    }
  });

  it("treat an unpaired surrogate in the body text as UTF-8 decoding would (U+FFFD), but refuse an escaped one", async () => {
    // JSON.stringify would escape it; API Gateway hands over text, which a direct invoke may break.
    const raw = await createWinery(
      jsonEvent(JSON.stringify(winery).replace("Test", "a\ud800b")),
      lambdaContext(),
    );
    expect(JSON.parse(raw.body).body.name).toBe("a\ufffdb Cellars");
    const escaped = jsonEvent(JSON.stringify(winery).replace("Test", "\\ud800"));
    const problem = problemOf(await createWinery(escaped, lambdaContext()));
    expect(problem.errors).toEqual([
      { path: "/body/name", message: "must not contain NUL characters or unpaired surrogates" },
    ]);
  });

  it("count the limit in UTF-8 bytes, 64 KB unless the operation sets its own", async () => {
    // 32,800 two-byte characters: under 64 K characters, over 64 KB.
    const heavy = jsonEvent(JSON.stringify({ ...winery, name: "é".repeat(32_800) }));
    const tooLarge = await createWinery(heavy, lambdaContext());
    expect(tooLarge.statusCode).toBe(413);
    expect(problemOf(tooLarge).detail).toBe("The request body exceeds 65536 bytes.");
    const small = inspecting({ ...spec, parameters: [], maxBodyBytes: 10 });
    const over = await small(jsonEvent('{"a":"12345"}'), lambdaContext());
    expect(problemOf(over).detail).toBe("The request body exceeds 10 bytes.");
    expect((await small(jsonEvent('{"a":"1"}'), lambdaContext())).statusCode).toBe(200);
  });
});
