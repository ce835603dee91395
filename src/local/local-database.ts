import { type Db, openDatabase } from "../db/database.js";
import { useDatabaseOpener } from "../db/database-instance.js";
import { migrateToLatest } from "../db/migrate.js";
import { readRuntimeSettings } from "../runtime/runtime-settings.js";

/**
 * The local stage's database: any backend DATABASE_URL names (PGlite when unset or memory://), and
 * migrated on first use as `CELLAR_MIGRATE_ON_START` says (by default outside production, since
 * PGlite is private to this process and nobody else would migrate it; `false` for a stage standing
 * in for a secondary region, whose replica refuses DDL).
 */
export async function openLocalDatabase(env: NodeJS.ProcessEnv = process.env): Promise<Db> {
  const { db } = await openDatabase(env.DATABASE_URL);
  if (readRuntimeSettings(env).migrateOnStart) await migrateToLatest(db);
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
