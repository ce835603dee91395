import { type Migration, Migrator } from "kysely";
import type { Db } from "./database.js";
import { migrations as allMigrations } from "./migration-list.js";

/**
 * Applies pending migrations in one transaction under Kysely's advisory lock, so concurrent cold
 * starts do not race. Returns the names it applied (empty when already up to date).
 */
export async function migrateToLatest(
  db: Db,
  migrations: Readonly<Record<string, Migration>> = allMigrations,
): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...migrations }) } });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === "Error");
    const name = failed ? `migration "${failed.migrationName}"` : "migrating (before any migration ran)";
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Database ${name} failed: ${reason}`, { cause: error });
  }
  return results.filter((result) => result.status === "Success").map((result) => result.migrationName);
}
