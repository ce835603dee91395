import type { ProblemFieldError } from "@cellar/runtime";
import { sql } from "kysely";
import { normalizeDegrees } from "./coordinates.js";
import type { Db } from "./database.js";
import type { NewWinery } from "./winery.repository.js";

export interface PendingImportRow {
  rowIndex: number;
  data: unknown;
}

/** The rows `[fromRow, toRow)` of an import still without an outcome, locked until the caller's transaction ends. */
export async function lockPendingImportRows(
  trx: Db,
  importId: string,
  fromRow: number,
  toRow: number,
): Promise<PendingImportRow[]> {
  const rows = await trx
    .selectFrom("import_rows")
    .select(["row_index", sql<unknown>`data`.as("data")])
    .where("import_id", "=", importId)
    .where("row_index", ">=", fromRow)
    .where("row_index", "<", toRow)
    .where("outcome", "is", null)
    .orderBy("row_index")
    .forUpdate()
    .execute();
  return rows.map((row) => ({ rowIndex: row.row_index, data: row.data }));
}

export type ImportRowOutcome =
  | { rowIndex: number; wineryId: string }
  | { rowIndex: number; errors: ProblemFieldError[] };

/**
 * Writes each row's outcome in one statement; only rows still without one are touched. The staged
 * data goes with it (JSON null): once a row has its outcome nobody reads it again, and a 10 MB
 * import would otherwise stay in the table for good.
 */
export async function recordImportRowOutcomes(
  trx: Db,
  importId: string,
  outcomes: readonly ImportRowOutcome[],
): Promise<void> {
  if (outcomes.length === 0) return;
  const values = outcomes.map((outcome) =>
    "wineryId" in outcome
      ? { row_index: outcome.rowIndex, winery_id: outcome.wineryId, errors: null }
      : { row_index: outcome.rowIndex, winery_id: null, errors: outcome.errors },
  );
  await sql`
    update import_rows as r
    set outcome = case when v.winery_id is null then 'failed' else 'imported' end,
        data = 'null'::jsonb,
        winery_id = v.winery_id,
        errors = v.errors,
        processed_at = now()
    from jsonb_to_recordset(${JSON.stringify(values)}::text::jsonb)
      as v(row_index int, winery_id uuid, errors jsonb)
    where r.import_id = ${importId}::uuid and r.row_index = v.row_index and r.outcome is null
  `.execute(trx);
}

/** Inserts wineries whose ids the caller chose, so each can be tied to its import row without relying on RETURNING order. */
export async function insertWineriesWithIds(
  trx: Db,
  wineries: ReadonlyArray<NewWinery & { id: string }>,
): Promise<void> {
  if (wineries.length === 0) return;
  await trx
    .insertInto("wineries")
    .values(
      wineries.map((winery) => ({
        id: winery.id,
        name: winery.name,
        lat: normalizeDegrees(winery.lat),
        lng: normalizeDegrees(winery.lng),
        region: winery.region,
        website: winery.website ?? null,
      })),
    )
    .execute();
}

/**
 * Gives up on the rows `[fromRow, toRow)` still without an outcome: each fails with `message`
 * (its path pointing at the row). One statement, so atomic on its own; a row that a concurrent
 * delivery imported meanwhile keeps its outcome. Returns how many rows it failed.
 */
export async function failPendingImportRows(
  db: Db,
  importId: string,
  fromRow: number,
  toRow: number,
  message: string,
): Promise<number> {
  const result = await db
    .updateTable("import_rows")
    .set({
      outcome: "failed",
      data: sql<string>`'null'::jsonb`,
      winery_id: null,
      errors: sql<string>`jsonb_build_array(jsonb_build_object('path', '/body/' || row_index, 'message', ${message}::text))`,
      processed_at: sql<Date>`now()`,
    })
    .where("import_id", "=", importId)
    .where("row_index", ">=", fromRow)
    .where("row_index", "<", toRow)
    .where("outcome", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
