import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgresFromEnvironment } from "../../src/db/postgres-database.js";
import { createTemporaryPostgresDatabase, type TemporaryDatabase } from "../support/temporary-postgres.js";

let temporary: TemporaryDatabase;
beforeAll(async () => {
  temporary = await createTemporaryPostgresDatabase("cellar_prod_open");
});
afterAll(() => temporary.drop());

describe("the database a Lambda function opens", () => {
  it("is the Postgres DATABASE_URL names, and opening it does not migrate it", async () => {
    const { db, kind, close } = await openPostgresFromEnvironment({ DATABASE_URL: temporary.url });
    try {
      expect(kind).toBe("postgres");
      const { rows } = await sql<{ tables: number }>`
        select count(*) as tables from information_schema.tables where table_schema = 'public'
      `.execute(db);
      expect(rows[0]?.tables).toBe(0);
    } finally {
      await close();
    }
  });

  it.each([["memory://"], [undefined], [""]])(
    "refuses PGlite (DATABASE_URL %j), which is local only",
    (url) => {
      expect(() => openPostgresFromEnvironment({ DATABASE_URL: url })).toThrow(
        /DATABASE_URL must be postgres:\/\/ or postgresql:\/\/ in a Lambda function/,
      );
    },
  );
});
