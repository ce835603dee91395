import type { Transaction } from "kysely";
import type { Database, Db } from "./database.js";

/**
 * Runs `work` atomically: in a new transaction, or inside the caller's when `db` already is one
 * (e.g. a repository called from runIdempotent's work), since Kysely does not nest transactions.
 */
export function inTransaction<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  return db.transaction().execute(work);
}
