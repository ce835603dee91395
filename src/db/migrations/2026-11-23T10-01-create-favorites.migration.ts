import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("favorites")
    .addColumn("user_id", "text", (col) => col.notNull())
    .addColumn("winery_id", "uuid", (col) => col.notNull().references("wineries.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (col) =>
      col.notNull().defaultTo(sql`date_trunc('milliseconds', now())`),
    )
    .addPrimaryKeyConstraint("favorites_pkey", ["user_id", "winery_id"])
    .execute();
  await db.schema
    .createIndex("favorites_user_newest_idx")
    .on("favorites")
    .columns(["user_id", "created_at desc", "winery_id desc"])
    .execute();
  // The primary key leads with user_id, so deleting a winery would otherwise scan every favorite.
  await db.schema.createIndex("favorites_winery_id_idx").on("favorites").column("winery_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("favorites").execute();
}
