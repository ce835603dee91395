import type { ColumnType, Generated } from "kysely";

/** jsonb values are written as JSON text (see idempotency.repository.ts) and read back parsed. */
type Jsonb<T> = ColumnType<T | null, string | null, string | null>;

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  response_status: number | null;
  response_body: Jsonb<unknown>;
  response_headers: Jsonb<Record<string, string>>;
  created_at: Generated<Date>;
}
