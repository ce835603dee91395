import type { ProblemFieldError } from "./problem.js";

// Fatal: a malformed sequence is an error, not U+FFFD. ignoreBOM: a byte order mark stays in the
// text, as Buffer#toString leaves it, rather than being silently dropped.
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The bytes as text, or `undefined` if they are not well-formed UTF-8 (overlong, truncated, stray bytes, surrogates). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** What a 400 for a body that is not UTF-8 says: the runtime's and the local stage's alike. */
export const INVALID_UTF8_DETAIL = "The request body is not valid UTF-8.";
export const INVALID_UTF8_ERROR: ProblemFieldError = { path: "/body", message: "must be valid UTF-8" };
