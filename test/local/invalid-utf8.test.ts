import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeEventBody } from "../../src/local/proxy-event.js";
import { expectProblemShape, type Harness, request, startHarness } from "./support/local-stage-harness.js";

const NOT_UTF8 = [{ path: "/body", message: "must be valid UTF-8" }];

/** Byte sequences no UTF-8 decoder may accept, each inside an otherwise valid JSON string. */
const MALFORMED: Record<string, number[]> = {
  "lead byte without its continuation (0xC3 0x28)": [0xc3, 0x28],
  "lone 0xFF": [0xff],
  "overlong '/' (0xC0 0xAF)": [0xc0, 0xaf],
  "truncated 4-byte sequence (0xF0 0x9F 0x98)": [0xf0, 0x9f, 0x98],
  "UTF-16 surrogate encoded as UTF-8 (0xED 0xA0 0x80)": [0xed, 0xa0, 0x80],
};

const jsonWith = (bytes: number[]) =>
  Buffer.concat([Buffer.from('{"name":"a'), Buffer.from(bytes), Buffer.from('b"}')]);

describe("request bodies that are not UTF-8, through the local stage", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  it.each(Object.entries(MALFORMED))("refuses %s with 400 before invoking the handler", async (_, bytes) => {
    const before = harness.invocations.length;
    const response = await request(harness.port, "/v2/files/upload", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: jsonWith(bytes),
    });
    expect(response.status, response.text).toBe(400);
    expect(expectProblemShape(response)).toMatchObject({
      status: 400,
      detail: "The request body is not valid UTF-8.",
      instance: "/v2/files/upload",
      errors: NOT_UTF8,
    });
    expect(harness.invocations.length).toBe(before);
  });

  it("passes well-formed multi-byte text (and a byte order mark) to the handler unchanged", async () => {
    const text = '\ufeff{"name":"Château 🍷"}';
    const response = await request(harness.port, "/v2/files/upload", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: Buffer.from(text, "utf8"),
    });
    expect(response.status, response.text).toBe(200);
    expect(harness.invocations.at(-1)?.event).toMatchObject({ body: text, isBase64Encoded: false });
  });

  it("refuses a token request that is not UTF-8 with 400", async () => {
    for (const bytes of Object.values(MALFORMED)) {
      const body = Buffer.concat([Buffer.from('{"sub":"a'), Buffer.from(bytes), Buffer.from('"}')]);
      const response = await request(harness.port, "/_local/token", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body,
      });
      expect(response.status, response.text).toBe(400);
      expect(expectProblemShape(response)).toMatchObject({ instance: "/_local/token", errors: NOT_UTF8 });
    }
  });

  it("still passes binary bodies through base64, whatever their bytes", () => {
    const binary = Buffer.from([0xff, 0xc0, 0xaf]);
    expect(encodeEventBody(binary, "application/octet-stream")).toEqual({
      body: binary.toString("base64"),
      isBase64Encoded: true,
    });
    expect(encodeEventBody(binary, "application/json")).toBeUndefined();
  });
});
