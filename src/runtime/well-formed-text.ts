import type { ProblemFieldError } from "./problem.js";

// With the u flag a surrogate pair is one code point, so only unpaired halves match.
const UNPAIRED_SURROGATE = /[\ud800-\udfff]/u;

/**
 * Strings no database text column can hold: NUL (Postgres refuses it) and unpaired surrogates
 * (JSON's `\ud800` escapes allow them, UTF-8 cannot encode them). Valid JSON Schema strings all the
 * same, so they must be refused here, naming the input, before a query turns them into a 500.
 */
export function illFormedText(value: unknown, path: string): ProblemFieldError[] {
  if (typeof value === "string") {
    return value.includes("\u0000") || UNPAIRED_SURROGATE.test(value)
      ? [{ path, message: "must not contain NUL characters or unpaired surrogates" }]
      : [];
  }
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const at = `${path}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;
    return [...illFormedText(key, at), ...illFormedText(item, at)];
  });
}
