import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { LOCAL_API_KEYS } from "../../src/settings/api-keys.js";
import { call } from "./support/hardening-stage.js";
import { stageBackends, useStage } from "./support/stage-backends.js";

const BODY_TIMEOUT_MS = 3_000;

interface Drip {
  /** Resolves once the headers and the first bytes of the body are on the wire. */
  sent: Promise<void>;
  /** What the stage answered, once it closed the connection. */
  answer: Promise<string>;
  /** Whether the stage has given up on this body yet (its body timeout ran out). */
  closed(): boolean;
}

/** Opens a connection, promises a body and sends almost none of it. */
function dripBody(port: number, token: string): Drip {
  let closed = false;
  const socket = connect(port, "127.0.0.1");
  const received: Buffer[] = [];
  socket.on("data", (chunk) => received.push(chunk));
  socket.on("error", () => {});
  const answer = new Promise<string>((resolve) => {
    socket.on("close", () => {
      closed = true;
      resolve(Buffer.concat(received).toString());
    });
  });
  const sent = new Promise<void>((resolve) => {
    socket.write(
      `POST /v1/wineries HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"name":`,
      () => resolve(),
    );
  });
  return { sent, answer, closed: () => closed };
}

/** Streams chunks until the stage answers (or `ceiling` bytes): an upload far over every limit. */
function streamHugeBody(
  port: number,
  token: string,
  ceiling: number,
): Promise<{ status: number; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        path: "/v2/wineries",
        method: "POST",
        headers: {
          Authorization: `Bearer ${token}`,
          "Content-Type": "application/json",
          "x-api-key": LOCAL_API_KEYS.app.value,
        },
      },
      (res) => {
        answered = true;
        res.resume();
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, sent });
          req.destroy();
        });
      },
    );
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const pump = () => {
      while (!answered && sent < ceiling) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/**
 * Request limits through the real stage: query parameter counts, oversized request lines and
 * headers, and clients that are slow or send far too much, none of which may stall anyone else.
 * Body size, string lengths and page sizes are fuzzed for every operation (contract-tests/fuzz).
 */
describe("limits of the local stage on Postgres", () => {
  const stage = useStage(stageBackends.find((backend) => backend.name === "Postgres")!, {
    bodyTimeoutMs: BODY_TIMEOUT_MS,
  });
  let admin = "";
  let wineryId = "";
  const port = () => Number(new URL(stage().origin).port);

  beforeAll(async () => {
    admin = await stage().token("limits-admin", ["admin"]);
    const created = await call(stage(), "POST", "/v1/wineries", {
      token: admin,
      body: { name: "Limit Cellars", lat: -20.5, lng: 60.5, region: "R" },
    });
    wineryId = (created.body as { id: string }).id;
  });

  it("ignores a thousand undeclared query parameters and refuses a thousand repeats of a declared one", async () => {
    const unknown = Array.from({ length: 1000 }, (_, i) => `p${i}=${i}`).join("&");
    const ignored = await call(stage(), "GET", `/v1/wineries?lat=-20.5&lng=60.5&${unknown}`);
    expect(ignored.status).toBe(200);
    expect((ignored.body as Array<{ id: string }>).map((w) => w.id)).toContain(wineryId);
    const repeated = await call(stage(), "GET", `/v1/wineries?${"lat=1&".repeat(1000)}lng=1`);
    expect(repeated.status).toBe(400);
    expect((repeated.body as { errors: unknown[] }).errors).toContainEqual({
      path: "/query/lat",
      message: "must not be repeated",
    });
  });

  it("answers an oversized request line or header block with a 431 problem, and keeps serving", async () => {
    const longUrl = await fetch(`${stage().origin}/v1/wineries?lat=1&lng=1&pad=${"x".repeat(20_000)}`);
    expect(longUrl.status).toBe(431);
    expect(longUrl.headers.get("content-type")).toBe("application/problem+json");
    expect(await longUrl.json()).toMatchObject({ status: 431, title: "Request Header Fields Too Large" });
    const headers = Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [`x-pad-${i}`, "y".repeat(100)]),
    );
    const manyHeaders = await fetch(`${stage().origin}/v1/ping`, { headers });
    expect(manyHeaders.status).toBe(431);
    expect(manyHeaders.headers.get("content-type")).toBe("application/problem+json");
    expect((await call(stage(), "GET", `/v1/wineries/${wineryId}`)).status).toBe(200);
  });

  it("answers a request Node cannot parse with a 400 problem and closes the connection", async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port(), "127.0.0.1", () =>
        socket.write("GET /v1/ping HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"),
      );
      let received = "";
      socket.on("data", (chunk) => {
        received += chunk;
      });
      socket.on("end", () => resolve(received));
      socket.on("error", reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(raw).toContain("Content-Type: application/problem+json");
    expect(JSON.parse(raw.slice(raw.indexOf("\r\n\r\n") + 4))).toMatchObject({
      status: 400,
      title: "Bad Request",
    });
  });

  it("serves everyone else promptly while clients drip bodies and stream oversized ones", async () => {
    const dripping = Array.from({ length: 10 }, () => dripBody(port(), admin));
    await Promise.all(dripping.map((drip) => drip.sent));
    const flooding = Array.from({ length: 3 }, () => streamHugeBody(port(), admin, 64 * 1024 * 1024));
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all([
        call(stage(), "GET", `/v1/wineries/${wineryId}`),
        call(stage(), "GET", "/v2/wineries?near=-20.5,60.5&radius=1000"),
        call(stage(), "GET", "/v2/ping"),
      ]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    }
    // Served while every dripping client was still held open, not after their body timeout freed
    // the stage: no stopwatch, the drips' own state says when the others were answered.
    expect(dripping.filter((drip) => drip.closed()).length, "drips already timed out").toBe(0);
    for (const flood of await Promise.all(flooding)) {
      expect(flood.status).toBe(413);
      expect(flood.sent).toBeLessThan(64 * 1024 * 1024);
    }
    for (const answer of await Promise.all(dripping.map((drip) => drip.answer))) {
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    }
    // None of them got as far as a handler: the winery is still alone at its spot.
    const nearby = await call(stage(), "GET", "/v1/wineries?lat=-20.5&lng=60.5&radiusKm=1");
    expect((nearby.body as unknown[]).length).toBe(1);
  });
});
