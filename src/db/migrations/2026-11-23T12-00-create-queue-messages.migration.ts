import { type Kysely, sql } from "kysely";

/** The local stand-in for SQS: see src/queue/postgres-queue.repository.ts. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("queue_messages")
    .addColumn("id", "uuid", (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("queue", "text", (col) => col.notNull())
    .addColumn("body", "text", (col) => col.notNull())
    .addColumn("receive_count", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("visible_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("sent_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("dead_lettered_at", "timestamptz")
    .addColumn("last_error", "text")
    .execute();
  // What a receive scans: the live messages of one queue that are visible now.
  await db.schema
    .createIndex("queue_messages_receivable_idx")
    .on("queue_messages")
    .columns(["queue", "visible_at"])
    .where(sql.ref("dead_lettered_at"), "is", null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("queue_messages").execute();
}
