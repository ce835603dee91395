import { describe, expect, it } from "vitest";
import { newIdempotencyKey } from "../../sdk/src/runtime/idempotency-key.js";
import {
  isReplayable,
  isRetryableStatus,
  parseRetryAfter,
  retryDelay,
} from "../../sdk/src/runtime/retry-policy.js";

const policy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1_000 };

describe("retry policy", () => {
  it("replays idempotent methods, and anything carrying an Idempotency-Key", () => {
    const none = new Headers();
    for (const method of ["get", "HEAD", "put", "delete", "options"])
      expect(isReplayable(method, none)).toBe(true);
    for (const method of ["post", "patch"]) expect(isReplayable(method, none)).toBe(false);
    expect(isReplayable("post", new Headers({ "idempotency-key": "k" }))).toBe(true);
  });

  it("retries 429 and 5xx only", () => {
    expect([408, 409, 429, 500, 502, 503, 504].map(isRetryableStatus)).toEqual([
      false,
      false,
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2024-05-01T12:00:00Z");
    expect(parseRetryAfter("3", now)).toBe(3_000);
    expect(parseRetryAfter("Wed, 01 May 2024 12:00:05 GMT", now)).toBe(5_000);
    expect(parseRetryAfter("Wed, 01 May 2024 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });

  it("backs off exponentially with full jitter, capped at maxDelayMs", () => {
    expect(retryDelay(0, policy, undefined, () => 0.999)).toBe(99);
    expect(retryDelay(2, policy, undefined, () => 0.5)).toBe(200);
    expect(retryDelay(10, policy, undefined, () => 0.999)).toBe(999);
    expect(retryDelay(3, policy, undefined, () => 0)).toBe(0);
  });

  it("waits what Retry-After asks, and gives up when that is longer than maxDelayMs", () => {
    expect(retryDelay(0, policy, 800)).toBe(800);
    expect(retryDelay(0, policy, 1_001)).toBeUndefined();
  });
});

describe("idempotency keys", () => {
  it("are distinct random UUID v4s, valid for the API's key pattern", () => {
    const keys = Array.from({ length: 50 }, newIdempotencyKey);
    expect(new Set(keys).size).toBe(50);
    for (const key of keys) {
      expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(key).toMatch(/^[A-Za-z0-9_.:-]+$/);
    }
  });
});
