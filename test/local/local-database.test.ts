import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/database.js";
import { openLocalDatabase } from "../../src/local/local-database.js";
import { createTemporaryPostgresDatabase, type TemporaryDatabase } from "../support/temporary-postgres.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function emptyDatabase(): Promise<TemporaryDatabase> {
  const temporary = await createTemporaryPostgresDatabase("cellar_local_open");
  cleanups.push(() => temporary.drop());
  return temporary;
}

async function open(env: NodeJS.ProcessEnv): Promise<Db> {
  const db = await openLocalDatabase(env);
  cleanups.push(() => db.destroy());
  return db;
}

async function hasWineries(db: Db): Promise<boolean> {
  const { rows } = await sql<{
    found: boolean;
  }>`select to_regclass('public.wineries') is not null as found`.execute(db);
  return rows[0]?.found === true;
}

describe("the local stage's database", () => {
  it("is migrated on first use outside production", async () => {
    const { url } = await emptyDatabase();
    expect(await hasWineries(await open({ DATABASE_URL: url, NODE_ENV: "test" }))).toBe(true);
  });

  it("is not migrated under NODE_ENV=production, unless CELLAR_MIGRATE_ON_START=true", async () => {
    const { url } = await emptyDatabase();
    expect(await hasWineries(await open({ DATABASE_URL: url, NODE_ENV: "production" }))).toBe(false);
    const env = { DATABASE_URL: url, NODE_ENV: "production", CELLAR_MIGRATE_ON_START: "true" };
    expect(await hasWineries(await open(env))).toBe(true);
  });
});
