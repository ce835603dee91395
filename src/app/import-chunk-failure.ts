import type { Db } from "../db/database.js";
import { failPendingImportRows } from "../db/import-row.repository.js";
import type { ImportChunk } from "./import-chunks.js";

/**
 * Ends a chunk whose import threw on every delivery: its pending rows fail, so the import completes
 * (status and counts are derived from the rows) instead of staying "processing" once the message is
 * dead-lettered. The row errors name no cause: a database message is an internal, even for an
 * administrator's API; the worker logs it with the import id. Throws if even this cannot be written
 * (the database is down).
 */
export function failImportChunk(db: Db, chunk: ImportChunk, attempts: number): Promise<number> {
  const message = `could not be imported after ${attempts} attempts; the cause is in the import worker's log`;
  return failPendingImportRows(db, chunk.importId, chunk.fromRow, chunk.toRow, message);
}
