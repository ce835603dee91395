import { readdir } from "node:fs/promises";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrateToLatest } from "../../src/db/migrate.js";
import { migrations } from "../../src/db/migration-list.js";
import { backends, useDatabase } from "../support/databases.js";

describe("migration list", () => {
  it("registers every file in src/db/migrations, in file-name order", async () => {
    const files = await readdir(new URL("../../src/db/migrations/", import.meta.url));
    const names = files
      .filter((file) => file.endsWith(".migration.ts"))
      .map((file) => file.replace(/\.migration\.ts$/, ""))
      .sort();
    expect(Object.keys(migrations)).toEqual(names);
  });
});

describe.each(backends)("migrations on $name", (backend) => {
  const db = useDatabase(backend, { migrate: false });

  it("apply in order the first time and are a no-op the second time", async () => {
    expect(await migrateToLatest(db())).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(db())).toEqual([]);

    const tables = await db().introspection.getTables();
    expect(tables.map((table) => table.name).sort()).toEqual([
      "favorites",
      "idempotency_keys",
      "import_jobs",
      "import_rows",
      "queue_messages",
      "reviews",
      "wineries",
    ]);
  });

  it("create the indexes the queries rely on", async () => {
    const { rows } = await sql<{ indexname: string }>`
      select indexname from pg_indexes where schemaname = current_schema() order by indexname
    `.execute(db());
    expect(rows.map((row) => row.indexname)).toEqual(
      expect.arrayContaining([
        "wineries_location_idx",
        "favorites_pkey",
        "favorites_user_newest_idx",
        "reviews_winery_user_key",
        "reviews_winery_newest_idx",
        "idempotency_keys_pkey",
      ]),
    );
  });

  it("enforce coordinate and rating ranges", async () => {
    await expect(
      sql`insert into wineries (name, lat, lng, region) values ('x', 91, 0, 'r')`.execute(db()),
    ).rejects.toMatchObject({ code: "23514" });
    await expect(
      sql`insert into wineries (name, lat, lng, region) values ('x', 0, -180.5, 'r')`.execute(db()),
    ).rejects.toMatchObject({ code: "23514" });
    const { rows } = await sql<{ id: string }>`
      insert into wineries (name, lat, lng, region) values ('x', 0, 0, 'r') returning id
    `.execute(db());
    await expect(
      sql`insert into reviews (winery_id, user_id, rating) values (${rows[0]?.id}, 'u', 6)`.execute(db()),
    ).rejects.toMatchObject({ code: "23514" });
  });

  it("name the failing migration and roll back the whole batch", async () => {
    const failing = migrateToLatest(db(), {
      ...migrations,
      "2099-01-01T00-00-create-scratch": {
        up: async (trx) => {
          await trx.schema.createTable("scratch").addColumn("id", "integer").execute();
        },
      },
      "2099-01-01T00-01-broken": {
        up: async (trx) => {
          await sql`select * from no_such_table`.execute(trx);
        },
      },
    });
    await expect(failing).rejects.toThrow(/migration "2099-01-01T00-01-broken" failed: .*no_such_table/);

    const tables = await db().introspection.getTables();
    expect(tables.map((table) => table.name)).not.toContain("scratch");
    expect(await migrateToLatest(db())).toEqual([]);
  });
});
