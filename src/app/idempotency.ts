import { unprocessable } from "@cellar/runtime";
import type { Transaction } from "kysely";
import type { Database, Db } from "../db/database.js";
import { runIdempotent, type StoredResponse } from "../db/idempotency.repository.js";

/**
 * `Idempotency-Key` semantics for creations: the first request with a key does the work; a retry
 * with the same key and body gets the same status and body back, marked as a replay; the same key
 * with another body is a 422, because the client is confused about what it is retrying.
 */
export async function runWithIdempotencyKey<R extends StoredResponse>(
  db: Db,
  { scope, key, request }: { scope: string; key: string; request: unknown },
  work: (trx: Transaction<Database>) => Promise<R>,
): Promise<R> {
  const outcome = await runIdempotent(db, { scope, key, requestHash: await fingerprint(request) }, work);
  if (outcome.kind === "mismatch") {
    throw unprocessable(`Idempotency-Key "${key}" was already used with a different request body.`);
  }
  const response = outcome.response as R;
  if (outcome.kind === "fresh") return response;
  return { ...response, headers: { ...response.headers, "Idempotent-Replayed": "true" } };
}

/**
 * Key order must not matter: `{a,b}` and `{b,a}` are the same request. The hex SHA-256 of the
 * canonical JSON's UTF-8 bytes, as stored in idempotency_keys.request_hash, so it must never change.
 * Web Crypto (a global) rather than `node:crypto`: a static import of that would load it in every
 * cold start of the functions that create, though only a request with an Idempotency-Key hashes.
 */
export async function fingerprint(value: unknown): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonicalJson(value)));
  return Buffer.from(digest).toString("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
