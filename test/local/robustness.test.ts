import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import type { APIGatewayProxyEvent, Context } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invokeHandler } from "../../src/local/lambda-invoker.js";
import { checkProxyResponse } from "../../src/local/proxy-response.js";
import { GATEWAY_MAX_PAYLOAD_BYTES } from "../../src/local/server.js";
import { expectProblemShape, type Harness, request, startHarness } from "./support/local-stage-harness.js";

const SECRET = "password=hunter2";

const GARBAGE: Record<string, unknown> = {
  undefined: undefined,
  null: null,
  "string-status": { statusCode: "200", body: "{}" },
  "informational-status": { statusCode: 101 },
  "object-body": { statusCode: 200, body: { not: "a string" } },
  "header-with-newline": { statusCode: 200, headers: { "X-Bad": "a\r\nInjected: yes" }, body: "{}" },
  "multi-value-not-array": { statusCode: 200, multiValueHeaders: { "Set-Cookie": "a=1" }, body: "{}" },
};

/** Streams a chunked body until the server answers, to show the server does not wait for (or buffer) it all. */
function streamUntilAnswered(port: number, path: string, ceilingBytes: number) {
  return new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        path,
        method: "POST",
        headers: { "Content-Type": "application/octet-stream" },
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), sent });
          req.destroy();
        });
      },
    );
    req.on("error", reject);
    const chunk = Buffer.alloc(64 * 1024, 7);
    const pump = () => {
      while (!answered && sent < ceilingBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/** Announces `length` bytes, sends a little (or, with Expect: 100-continue, all of it once told to continue). */
function sendDeclaredBody(port: number, length: number, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string; continued: boolean }>((resolve, reject) => {
    let continued = false;
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        path: "/v1/files/big",
        method: "POST",
        headers: { "Content-Type": "application/octet-stream", "Content-Length": length, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), continued });
          req.destroy();
        });
      },
    );
    req.on("error", reject);
    req.on("continue", () => {
      continued = true;
      req.end(Buffer.alloc(length, 1));
    });
    if (!headers.Expect) req.write("only a few bytes of the promised body");
  });
}

describe("robustness", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({
      bodyTimeoutMs: 300,
      handlerTimeoutMs: 300,
      responders: {
        pingV1: () => {
          throw new Error(`connection failed with ${SECRET} at /srv/secret/db.ts:12`);
        },
        getWineryV1: (event) => GARBAGE[event.pathParameters?.wineryId ?? ""],
        listWineriesV1: () => new Promise(() => {}),
      },
    });
  });
  afterAll(() => harness.close());

  it("defaults the body limit to API Gateway's 10 MiB", () => {
    expect(GATEWAY_MAX_PAYLOAD_BYTES).toBe(10 * 1024 * 1024);
  });

  it("refuses a declared oversized body with 413 before reading it", async () => {
    const before = harness.invocations.length;
    const response = await sendDeclaredBody(harness.port, GATEWAY_MAX_PAYLOAD_BYTES + 1, {});
    expect(response.status).toBe(413);
    expect(response.continued).toBe(false);
    expect(JSON.parse(response.body)).toEqual({
      type: "https://cellar.dev/problems/payload-too-large",
      title: "Payload Too Large",
      status: 413,
      detail: `The request body exceeds ${GATEWAY_MAX_PAYLOAD_BYTES} bytes`,
      instance: "/v1/files/big",
    });
    expect(harness.invocations.length).toBe(before);
  });

  it("refuses an oversized body announced with Expect: 100-continue before it is sent", async () => {
    const response = await sendDeclaredBody(harness.port, GATEWAY_MAX_PAYLOAD_BYTES + 1, {
      Expect: "100-continue",
    });
    expect(response.status).toBe(413);
    expect(response.continued).toBe(false);
  });

  it("still takes bodies within the limit announced with Expect: 100-continue", async () => {
    const response = await sendDeclaredBody(harness.port, 1024, { Expect: "100-continue" });
    expect(response.continued).toBe(true);
    expect(response.status).toBe(200);
  });

  it("answers a throwing handler with a 502 problem that reveals nothing, and logs the error", async () => {
    const response = await request(harness.port, "/v1/ping");
    expect(response.status).toBe(502);
    expect(expectProblemShape(response)).toEqual({
      type: "https://cellar.dev/problems/bad-gateway",
      title: "Bad Gateway",
      status: 502,
      detail: "The integration failed to produce a response",
      instance: "/v1/ping",
    });
    expect(response.text).not.toContain("hunter2");
    expect(response.text).not.toContain("db.ts");
    const logged = harness.errors.find((entry) => entry.message.includes("cellar-pingV1:v1 threw"));
    expect(logged).toBeDefined();
    expect((logged!.error as Error).message).toContain(SECRET);
  });

  it.each(Object.keys(GARBAGE))("answers a malformed proxy result (%s) with a 502 problem", async (kind) => {
    const response = await request(harness.port, `/v1/wineries/${kind}`);
    expect(response.status).toBe(502);
    expect(response.headers["x-bad"]).toBeUndefined();
    expect(expectProblemShape(response)).toMatchObject({
      status: 502,
      detail: "The integration returned a malformed response",
    });
    expect(harness.errors.some((entry) => entry.message.includes("malformed proxy response"))).toBe(true);
  });

  it("answers a handler that never settles with a 504 problem instead of hanging", async () => {
    // A hang would hold the request until the test's own timeout fails it; no wall-clock bound needed.
    const response = await request(harness.port, "/v1/wineries");
    expect(response.status).toBe(504);
    expect(expectProblemShape(response)).toMatchObject({
      type: "https://cellar.dev/problems/gateway-timeout",
    });
  });

  it("does not let a slow client stall other requests, and times it out with 408", async () => {
    const slow = connect(harness.port, "127.0.0.1");
    const received: Buffer[] = [];
    slow.on("data", (chunk) => received.push(chunk));
    let slowClosed = false;
    const closed = new Promise<void>((resolve) =>
      slow.on("close", () => {
        slowClosed = true;
        resolve();
      }),
    );
    await new Promise<void>((resolve) => slow.once("connect", () => resolve()));
    slow.write(
      "POST /v2/files/slow HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n" +
        "Content-Length: 1000\r\n\r\nonly-a-little",
    );

    // Answered while the slow request is still open and unanswered: it did not wait behind it.
    const fast = await request(harness.port, "/v2/ping");
    expect(fast.status).toBe(200);
    expect(received).toHaveLength(0);
    expect(slowClosed).toBe(false);

    await closed;
    const raw = Buffer.concat(received).toString();
    expect(raw).toMatch(/^HTTP\/1\.1 408 /);
    expect(raw).toContain("https://cellar.dev/problems/request-timeout");
    expect(harness.invocations.some((call) => call.event.path === "/v2/files/slow")).toBe(false);
  });
});

describe("handler invocation", () => {
  const event = {} as APIGatewayProxyEvent;
  const context = {} as Context;

  it("catches handlers that throw synchronously", async () => {
    const handler = (() => {
      throw new Error("sync");
    }) as unknown as Parameters<typeof invokeHandler>[0];
    expect(await invokeHandler(handler, event, context, 1000)).toMatchObject({ ok: false, reason: "threw" });
  });

  it("accepts well-formed results with numeric and boolean header values", () => {
    expect(checkProxyResponse({ statusCode: 204, headers: { "X-Count": 3, "X-Flag": true } })).toMatchObject({
      ok: true,
      response: { statusCode: 204, body: Buffer.alloc(0) },
    });
  });
});

// Its own stage: with the short body timeout above, a loaded machine could take longer than that to
// stream 10 MB and get a 408, so the 413 must come from the size alone, whatever the clock says.
describe("robustness, with a body timeout far beyond the test", () => {
  let patient: Harness;
  beforeAll(async () => {
    patient = await startHarness({ bodyTimeoutMs: 600_000 });
  });
  afterAll(() => patient.close());

  it("refuses a streamed oversized body with 413 without waiting for the rest", async () => {
    const before = patient.invocations.length;
    const ceiling = 64 * 1024 * 1024;
    const response = await streamUntilAnswered(patient.port, "/v2/files/big", ceiling);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ status: 413, instance: "/v2/files/big" });
    expect(response.sent).toBeLessThan(ceiling);
    expect(patient.invocations.length).toBe(before);
  });
});
