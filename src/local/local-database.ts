import { useDatabaseOpener } from "../app/database-instance.js";
import { type Db, openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";

/**
 * The local stage's database: any backend DATABASE_URL names (PGlite when unset or memory://), and
 * migrated on first use outside production, since PGlite is private to this process and nobody else
 * would migrate it. `CELLAR_MIGRATE_ON_START=true` migrates under NODE_ENV=production too.
 */
export async function openLocalDatabase(env: NodeJS.ProcessEnv = process.env): Promise<Db> {
  const { db } = await openDatabase(env.DATABASE_URL);
  if (env.NODE_ENV !== "production" || env.CELLAR_MIGRATE_ON_START === "true") {
    await migrateToLatest(db);
  }
  return db;
}

/**
 * Makes `getDatabase()` open the local database: for the local stage, and anything else that runs
 * the handlers outside Lambda (tests, the rehearsal, the bench's stage). Lambda bundles never import
 * this module, which keeps PGlite and the migrations out of them.
 */
export function installLocalDatabase(): void {
  useDatabaseOpener(() => openLocalDatabase());
}
