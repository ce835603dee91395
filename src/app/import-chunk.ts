import { sql } from "kysely";
import type { Db } from "../db/database.js";
import {
  type ImportRowOutcome,
  insertWineriesWithIds,
  lockPendingImportRows,
  recordImportRowOutcomes,
} from "../db/import-row.repository.js";
import { inTransaction } from "../db/transaction.js";
import type { NewWinery } from "../db/winery.repository.js";
import type { ImportChunk } from "./import-chunks.js";
import { checkImportRow } from "./import-row-validation.js";

export interface ChunkOutcome {
  imported: number;
  failed: number;
  /** Rows of the chunk that already had an outcome: a redelivered message. */
  alreadyDone: number;
}

/**
 * Imports one chunk, all or nothing: the chunk's pending rows are locked, the valid ones become
 * wineries and every row gets its outcome, in one transaction. Hence at-least-once delivery is
 * safe: a crash anywhere rolls everything back for the redelivery to redo, a duplicate delivery
 * finds no pending row left (or waits on the locks, then finds none), and a row is imported once.
 * An invalid row is an outcome, not an error: it never holds back the rest of its chunk.
 */
export function importChunk(db: Db, chunk: ImportChunk): Promise<ChunkOutcome> {
  return inTransaction(db, async (trx) => {
    const pending = await lockPendingImportRows(trx, chunk.importId, chunk.fromRow, chunk.toRow);
    const valid: Array<NewWinery & { id: string; rowIndex: number }> = [];
    const outcomes: ImportRowOutcome[] = [];
    for (const row of pending) {
      const check = checkImportRow(row.data, row.rowIndex);
      if ("errors" in check) outcomes.push({ rowIndex: row.rowIndex, errors: check.errors });
      // Web Crypto's global randomUUID: importing node:crypto would load it in every worker cold start.
      else valid.push({ ...check.winery, id: crypto.randomUUID(), rowIndex: row.rowIndex });
    }
    outcomes.push(...(await insertValidRows(trx, valid)));
    await recordImportRowOutcomes(trx, chunk.importId, outcomes);
    const failed = outcomes.filter((outcome) => "errors" in outcome).length;
    return {
      imported: outcomes.length - failed,
      failed,
      alreadyDone: chunk.toRow - chunk.fromRow - pending.length,
    };
  });
}

/**
 * One multi-row insert for the whole chunk. Should the database refuse it (a row the schema
 * allows but a constraint does not), the rows are retried one by one, each under a savepoint, so
 * only the offending rows fail.
 */
async function insertValidRows(
  trx: Db,
  rows: ReadonlyArray<NewWinery & { id: string; rowIndex: number }>,
): Promise<ImportRowOutcome[]> {
  try {
    await withSavepoint(trx, () => insertWineriesWithIds(trx, rows));
    return rows.map((row) => ({ rowIndex: row.rowIndex, wineryId: row.id }));
  } catch {
    const outcomes: ImportRowOutcome[] = [];
    for (const row of rows) {
      try {
        await withSavepoint(trx, () => insertWineriesWithIds(trx, [row]));
        outcomes.push({ rowIndex: row.rowIndex, wineryId: row.id });
      } catch {
        outcomes.push({
          rowIndex: row.rowIndex,
          errors: [{ path: `/body/${row.rowIndex}`, message: "was refused by the database" }],
        });
      }
    }
    return outcomes;
  }
}

async function withSavepoint(trx: Db, work: () => Promise<void>): Promise<void> {
  await sql`savepoint import_rows`.execute(trx);
  try {
    await work();
  } catch (error) {
    await sql`rollback to savepoint import_rows`.execute(trx);
    throw error;
  }
  await sql`release savepoint import_rows`.execute(trx);
}
