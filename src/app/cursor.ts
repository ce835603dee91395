import { validationFailed } from "../runtime/problem.js";

/**
 * Opaque keyset cursors: base64url JSON of the last item's sort key plus a fingerprint of the
 * query, so a cursor replayed against another query is rejected instead of silently skipping rows.
 */
export function encodeCursor(key: Record<string, unknown>, query: string): string {
  return Buffer.from(JSON.stringify({ k: key, q: query })).toString("base64url");
}

export function decodeCursor<T extends Record<string, unknown>>(
  cursor: string | undefined,
  query: string,
  isKey: (key: Record<string, unknown>) => key is T,
): T | undefined {
  if (cursor === undefined) return undefined;
  let parsed: { k?: unknown; q?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor("is not a cursor this API issued");
  }
  if (parsed?.q !== query) throw invalidCursor("belongs to a different query");
  if (!parsed.k || typeof parsed.k !== "object" || !isKey(parsed.k as Record<string, unknown>)) {
    throw invalidCursor("is not a cursor this API issued");
  }
  return parsed.k as T;
}

function invalidCursor(message: string) {
  return validationFailed([{ path: "/query/cursor", message }]);
}

export const isString = (value: unknown): value is string => typeof value === "string";
export const isFiniteNumber = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value);
export const isDateString = (value: unknown): value is string =>
  typeof value === "string" && !Number.isNaN(Date.parse(value));
