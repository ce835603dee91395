import { sql, type Transaction } from "kysely";
import type { Database, Db } from "./database.js";

export interface StoredResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface IdempotencyRequest {
  /** What the key is unique within, e.g. operation + caller, so two users cannot collide on a key. */
  scope: string;
  key: string;
  /** Fingerprint of the request; reusing a key for a different request is a client error. */
  requestHash: string;
}

export type IdempotentOutcome =
  | { kind: "fresh" | "replayed"; response: StoredResponse }
  | { kind: "mismatch" };

/**
 * Runs `work` at most once per (scope, key). The key row is inserted before `work` runs, in the
 * same transaction: a concurrent request with the same key blocks on the primary key until this
 * one commits, then replays what was stored. If `work` throws, the rollback removes the key too, so
 * a retry runs afresh. `work` must do its writes through the `trx` it is given.
 */
export async function runIdempotent(
  db: Db,
  request: IdempotencyRequest,
  work: (trx: Transaction<Database>) => Promise<StoredResponse>,
): Promise<IdempotentOutcome> {
  if (db.isTransaction) {
    throw new Error("runIdempotent needs a transaction of its own: pass the root Db, not a transaction");
  }
  const { scope, key, requestHash } = request;
  return db.transaction().execute(async (trx): Promise<IdempotentOutcome> => {
    const claimed = await trx
      .insertInto("idempotency_keys")
      .values({ scope, key, request_hash: requestHash })
      .onConflict((oc) => oc.columns(["scope", "key"]).doNothing())
      .returning("key")
      .executeTakeFirst();
    if (!claimed) return replay(trx, request);

    const response = await work(trx);
    await trx
      .updateTable("idempotency_keys")
      .set({
        response_status: response.status,
        response_body: toJsonb(response.body),
        response_headers: toJsonb(response.headers),
      })
      .where("scope", "=", scope)
      .where("key", "=", key)
      .execute();
    return { kind: "fresh", response };
  });
}

async function replay(trx: Transaction<Database>, request: IdempotencyRequest): Promise<IdempotentOutcome> {
  const stored = await trx
    .selectFrom("idempotency_keys")
    .select([
      "request_hash",
      "response_status",
      "response_body",
      "response_headers",
      // jsonb 'null' and SQL NULL both read back as null; only SQL NULL means "no body".
      sql<boolean>`response_body is null`.as("body_absent"),
    ])
    .where("scope", "=", request.scope)
    .where("key", "=", request.key)
    .executeTakeFirstOrThrow();
  if (stored.request_hash !== request.requestHash) return { kind: "mismatch" };
  if (stored.response_status === null) {
    // Unreachable while the claim and the response are written in one transaction.
    throw new Error(`Idempotency key ${request.scope}/${request.key} was committed without a response`);
  }
  const response: StoredResponse = {
    status: stored.response_status,
    body: stored.body_absent ? undefined : stored.response_body,
  };
  if (stored.response_headers !== null) response.headers = stored.response_headers;
  return { kind: "replayed", response };
}

// Sent as text and cast in SQL: pg would turn a JS array into a Postgres array literal, and PGlite
// would stringify an already-stringified value for a jsonb parameter.
function toJsonb(value: unknown) {
  const json = JSON.stringify(value);
  return json === undefined ? null : sql<string>`${json}::text::jsonb`;
}
