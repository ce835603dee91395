import type { RetryOptions } from "./client-options.js";

const IDEMPOTENT_METHODS = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"];

/** Replaying a request is only safe when the method says so or the server deduplicates it by key. */
export function isReplayable(method: string, headers: Headers): boolean {
  return IDEMPOTENT_METHODS.includes(method.toUpperCase()) || headers.has("Idempotency-Key");
}

/** Too many requests and server-side failures are worth another try; every other status is final. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * How long to wait before retry number `retry` (0-based), or undefined when the server asks for a
 * longer wait than the caller accepts. Full jitter spreads clients that failed together.
 */
export function retryDelay(
  retry: number,
  options: Required<RetryOptions>,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number | undefined {
  if (retryAfterMs !== undefined) return retryAfterMs > options.maxDelayMs ? undefined : retryAfterMs;
  return Math.floor(random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry));
}
