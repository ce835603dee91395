import { type Kysely, sql } from "kysely";

/**
 * A bulk import: the job, and every accepted row staged with it. A row's outcome is written once,
 * by the worker, under the row's lock: that is what makes a redelivered chunk import nothing twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("import_jobs")
    .addColumn("id", "uuid", (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("created_by", "text", (col) => col.notNull())
    .addColumn("total_rows", "integer", (col) => col.notNull())
    .addColumn("chunk_size", "integer", (col) => col.notNull())
    .addColumn("created_at", "timestamptz", (col) =>
      col.notNull().defaultTo(sql`date_trunc('milliseconds', now())`),
    )
    // Null until the chunk messages were sent: a retried request re-sends them (see enqueueImportJob).
    .addColumn("enqueued_at", "timestamptz")
    .execute();
  await db.schema
    .createTable("import_rows")
    .addColumn("import_id", "uuid", (col) => col.notNull().references("import_jobs.id").onDelete("cascade"))
    .addColumn("row_index", "integer", (col) => col.notNull())
    .addColumn("data", "jsonb", (col) => col.notNull())
    .addColumn("outcome", "text")
    .addColumn("winery_id", "uuid", (col) => col.unique().references("wineries.id").onDelete("set null"))
    .addColumn("errors", "jsonb")
    .addColumn("processed_at", "timestamptz")
    .addPrimaryKeyConstraint("import_rows_pkey", ["import_id", "row_index"])
    .addCheckConstraint(
      "import_rows_outcome",
      sql`(outcome is null and processed_at is null) or (outcome in ('imported', 'failed') and processed_at is not null)`,
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("import_rows").execute();
  await db.schema.dropTable("import_jobs").execute();
}
