import { validationFailed } from "@cellar/runtime";
import { isUuid } from "../db/uuid.js";

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

// Cursors are base64 JSON a client can decode and edit, so their members are checked as strictly as
// any input: a value the database would refuse must be a 400 here, not a 500 there.
export const isUuidString = (value: unknown): value is string => typeof value === "string" && isUuid(value);
export const isFiniteNumber = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value);

// JavaScript dates reach 271821 BC; Postgres timestamps stop at 4713 BC. Cursors only ever hold
// timestamps the API wrote, so anything outside years 1 to 9999 is forged.
const EARLIEST = Date.parse("0001-01-01T00:00:00.000Z");
const LATEST = Date.parse("9999-12-31T23:59:59.999Z");
export const isDateString = (value: unknown): value is string => {
  const time = typeof value === "string" ? Date.parse(value) : Number.NaN;
  return time >= EARLIEST && time <= LATEST;
};
