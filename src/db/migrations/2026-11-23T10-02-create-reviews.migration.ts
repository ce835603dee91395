import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("reviews")
    .addColumn("id", "uuid", (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("winery_id", "uuid", (col) => col.notNull().references("wineries.id").onDelete("cascade"))
    .addColumn("user_id", "text", (col) => col.notNull())
    .addColumn("rating", "smallint", (col) => col.notNull())
    .addColumn("text", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("created_at", "timestamptz", (col) =>
      col.notNull().defaultTo(sql`date_trunc('milliseconds', now())`),
    )
    .addCheckConstraint("reviews_rating_range", sql`rating between 1 and 5`)
    // One review per user and winery; also what createReview's ON CONFLICT relies on.
    .addUniqueConstraint("reviews_winery_user_key", ["winery_id", "user_id"])
    .execute();
  await db.schema
    .createIndex("reviews_winery_newest_idx")
    .on("reviews")
    .columns(["winery_id", "created_at desc", "id desc"])
    .execute();
  await db.schema.createIndex("reviews_user_id_idx").on("reviews").column("user_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("reviews").execute();
}
