import { sql } from "kysely";
import type { Db } from "./database.js";
import { IMPORT_ERRORS_LISTED, type ImportJob, type ImportRowError, importStatus } from "./import.model.js";
import { isUuid } from "./uuid.js";

export interface NewImport {
  createdBy: string;
  chunkSize: number;
  /** The accepted rows, staged as they came: each is validated when the worker imports it. */
  rows: readonly unknown[];
}

/**
 * Stages an import: the job and one `import_rows` row per accepted row, numbered from 0. The rows
 * travel as one JSON parameter and are split by Postgres, one statement whatever their number.
 */
export async function insertImport(db: Db, newImport: NewImport): Promise<string> {
  const { id } = await db
    .insertInto("import_jobs")
    .values({
      created_by: newImport.createdBy,
      total_rows: newImport.rows.length,
      chunk_size: newImport.chunkSize,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  // Sent as text and cast in SQL, as in idempotency.repository.ts: both drivers then agree.
  await sql`
    insert into import_rows (import_id, row_index, data)
    select ${id}::uuid, (ordinality - 1)::int, value
    from jsonb_array_elements(${JSON.stringify(newImport.rows)}::text::jsonb) with ordinality
  `.execute(db);
  return id;
}

export async function markImportEnqueued(db: Db, id: string): Promise<void> {
  await db.updateTable("import_jobs").set({ enqueued_at: sql<Date>`now()` }).where("id", "=", id).execute();
}

export async function findImportById(db: Db, id: string): Promise<ImportJob | undefined> {
  if (!isUuid(id)) return undefined;
  const job = await db.selectFrom("import_jobs").selectAll().where("id", "=", id).executeTakeFirst();
  if (!job) return undefined;
  const tally = await db
    .selectFrom("import_rows")
    .select([
      sql<number>`count(*) filter (where outcome = 'imported')::int`.as("imported"),
      sql<number>`count(*) filter (where outcome = 'failed')::int`.as("failed"),
      sql<Date | null>`max(processed_at)`.as("last_processed_at"),
    ])
    .where("import_id", "=", id)
    .executeTakeFirstOrThrow();
  const { imported, failed } = tally;
  const counts = { total: job.total_rows, imported, failed, pending: job.total_rows - imported - failed };
  const status = importStatus(counts);
  return {
    id: job.id,
    createdBy: job.created_by,
    chunkSize: job.chunk_size,
    createdAt: job.created_at,
    enqueuedAt: job.enqueued_at,
    completedAt: status === "completed" ? (tally.last_processed_at ?? job.created_at) : null,
    status,
    counts,
    errors: failed === 0 ? [] : await findImportErrors(db, id),
  };
}

async function findImportErrors(db: Db, id: string): Promise<ImportRowError[]> {
  const rows = await db
    .selectFrom("import_rows")
    .select(["row_index", "errors"])
    .where("import_id", "=", id)
    .where("outcome", "=", "failed")
    .orderBy("row_index")
    .limit(IMPORT_ERRORS_LISTED)
    .execute();
  return rows.map((row) => ({ row: row.row_index, errors: row.errors ?? [] }));
}
