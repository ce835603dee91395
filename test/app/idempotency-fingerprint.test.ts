import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fingerprint } from "../../src/app/idempotency.js";

const sha256Hex = (text: string) => createHash("sha256").update(text).digest("hex");

describe("the Idempotency-Key request fingerprint", () => {
  // Stored in idempotency_keys.request_hash: a retry after a deploy must still match its first request.
  it("is the hex SHA-256 of the canonical JSON's UTF-8 bytes, as node:crypto computed it before", async () => {
    const request = { name: "Château Ünïcode 🍷", lat: 38.5, tags: ["a", null], nested: { b: 1, a: true } };
    const canonical = '{"lat":38.5,"name":"Château Ünïcode 🍷","nested":{"a":true,"b":1},"tags":["a",null]}';
    expect(await fingerprint(request)).toBe(sha256Hex(canonical));
    expect(await fingerprint(undefined)).toBe(sha256Hex("null"));
  });

  it("ignores key order and tells different bodies apart", async () => {
    expect(await fingerprint({ a: 1, b: [2, { d: 4, c: 3 }] })).toBe(
      await fingerprint({ b: [2, { c: 3, d: 4 }], a: 1 }),
    );
    expect(await fingerprint({ a: 1 })).not.toBe(await fingerprint({ a: 2 }));
  });
});
