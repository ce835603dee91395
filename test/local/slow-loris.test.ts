import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectionsCheckingInterval } from "../../src/local/server.js";
import { type Harness, startHarness } from "./support/local-stage-harness.js";

const HEADERS_TIMEOUT_MS = 300;
const DRIP_EVERY_MS = 20;

/**
 * Opens a connection, sends a request line, then one header byte every DRIP_EVERY_MS, never ending
 * the headers. Resolves when the server closes the connection, with what it sent and how many bytes
 * had been dripped by then; gives up (and says so) once the drip reaches `giveUpAfterBytes`.
 */
function slowLoris(port: number, giveUpAfterBytes: number) {
  return new Promise<{ response: string; dripped: number; gaveUp: boolean }>((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const received: Buffer[] = [];
    let dripped = 0;
    let drip: NodeJS.Timeout | undefined;
    const finish = (gaveUp: boolean) => {
      clearInterval(drip);
      socket.destroy();
      resolve({ response: Buffer.concat(received).toString(), dripped, gaveUp });
    };
    socket.on("data", (chunk: Buffer) => received.push(chunk));
    socket.on("close", () => finish(false));
    socket.on("error", reject);
    socket.once("connect", () => {
      socket.write("GET /v2/ping HTTP/1.1\r\nHost: localhost\r\nX-Drip: ");
      drip = setInterval(() => {
        if (dripped >= giveUpAfterBytes) return finish(true);
        dripped += 1;
        socket.write("a");
      }, DRIP_EVERY_MS);
    });
  });
}

describe("a client trickling its headers (slow-loris)", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ headersTimeoutMs: HEADERS_TIMEOUT_MS });
  });
  afterAll(() => harness.close());

  it("is answered 408 and cut off soon after the headers timeout, not at Node's 30 s sweep", async () => {
    // The bytes dripped by three times the timeout: the connection must be gone before the last.
    const threeTimeouts = (3 * HEADERS_TIMEOUT_MS) / DRIP_EVERY_MS;
    const { response, dripped, gaveUp } = await slowLoris(harness.port, threeTimeouts);
    expect(gaveUp, `still open after ${dripped} bytes, ${3 * HEADERS_TIMEOUT_MS} ms of dripping`).toBe(false);
    expect(dripped).toBeLessThan(threeTimeouts);
    expect(response).toMatch(/^HTTP\/1\.1 408 /);
    expect(response).toContain("application/problem+json");
    expect(response).toContain("https://cellar.dev/problems/request-timeout");
    expect(harness.invocations).toEqual([]);
  });

  it("has Node sweep its connections at a tenth of the headers timeout, at most every second", () => {
    expect(connectionsCheckingInterval(10_000)).toBe(1_000);
    expect(connectionsCheckingInterval(HEADERS_TIMEOUT_MS)).toBe(30);
    expect(connectionsCheckingInterval(60_000)).toBe(1_000);
    expect(connectionsCheckingInterval(50)).toBe(10);
  });
});
