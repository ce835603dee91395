import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // Millisecond timestamps: cursors carry them through JS Dates, which cannot hold microseconds.
  const nowMs = sql`date_trunc('milliseconds', now())`;
  await db.schema
    .createTable("wineries")
    .addColumn("id", "uuid", (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("lat", "double precision", (col) => col.notNull())
    .addColumn("lng", "double precision", (col) => col.notNull())
    .addColumn("region", "text", (col) => col.notNull())
    .addColumn("website", "text")
    .addColumn("rating_sum", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("review_count", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(nowMs))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(nowMs))
    .addCheckConstraint("wineries_lat_range", sql`lat between -90 and 90`)
    .addCheckConstraint("wineries_lng_range", sql`lng between -180 and 180`)
    .addCheckConstraint("wineries_rating_aggregates", sql`rating_sum >= 0 and review_count >= 0`)
    .execute();
  // Serves the bounding-box prefilter of findWineriesNear: `point(lng, lat) <@ box(...)`.
  await sql`create index wineries_location_idx on wineries using gist (point(lng, lat))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("wineries").execute();
}
