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
 *
 * Should the database refuse the chunk (a row the schema allows but a constraint does not), the chunk
 * is halved until the refused rows stand alone, each part in its own transaction (all or nothing in
 * the same way), so only the offending rows fail: one bad row in 500 costs ~18 transactions. Not
 * with savepoints: secondary regions write through Aurora's write forwarding, which refuses
 * SAVEPOINT (infra/README, "What AWS documents that we rely on").
 */
export async function importChunk(db: Db, chunk: ImportChunk): Promise<ChunkOutcome> {
  try {
    return await inTransaction(db, (trx) => importPendingRows(trx, chunk));
  } catch (error) {
    if (!refusedByDatabase(error)) throw error;
  }
  if (chunk.toRow - chunk.fromRow === 1) return failRefusedRow(db, chunk);
  const middle = Math.floor((chunk.fromRow + chunk.toRow) / 2);
  const first = await importChunk(db, { ...chunk, toRow: middle });
  const second = await importChunk(db, { ...chunk, fromRow: middle });
  return {
    imported: first.imported + second.imported,
    failed: first.failed + second.failed,
    alreadyDone: first.alreadyDone + second.alreadyDone,
  };
}

function failRefusedRow(db: Db, row: ImportChunk): Promise<ChunkOutcome> {
  return inTransaction(db, async (trx) => {
    const pending = await lockPendingImportRows(trx, row.importId, row.fromRow, row.toRow);
    await recordImportRowOutcomes(
      trx,
      row.importId,
      pending.map(({ rowIndex }) => ({
        rowIndex,
        errors: [{ path: `/body/${rowIndex}`, message: "was refused by the database" }],
      })),
    );
    return { imported: 0, failed: pending.length, alreadyDone: 1 - pending.length };
  });
}

async function importPendingRows(trx: Db, chunk: ImportChunk): Promise<ChunkOutcome> {
  const pending = await lockPendingImportRows(trx, chunk.importId, chunk.fromRow, chunk.toRow);
  const valid: Array<NewWinery & { id: string; rowIndex: number }> = [];
  const outcomes: ImportRowOutcome[] = [];
  for (const row of pending) {
    const check = checkImportRow(row.data, row.rowIndex);
    if ("errors" in check) outcomes.push({ rowIndex: row.rowIndex, errors: check.errors });
    // Web Crypto's global randomUUID: importing node:crypto would load it in every worker cold start.
    else valid.push({ ...check.winery, id: crypto.randomUUID(), rowIndex: row.rowIndex });
  }
  await insertWineriesWithIds(trx, valid);
  outcomes.push(...valid.map((row) => ({ rowIndex: row.rowIndex, wineryId: row.id })));
  await recordImportRowOutcomes(trx, chunk.importId, outcomes);
  const failed = outcomes.filter((outcome) => "errors" in outcome).length;
  return {
    imported: outcomes.length - failed,
    failed,
    alreadyDone: chunk.toRow - chunk.fromRow - pending.length,
  };
}

/** SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation): the rows, not the database. */
function refusedByDatabase(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^2[23]/.test(code);
}
