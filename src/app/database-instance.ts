import { sql } from "kysely";
import { type Db, openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";

let opening: Promise<Db> | undefined;

/**
 * One database per process (per Lambda container), opened on first use so that warm-up pings and
 * validation failures never pay for a connection. Outside production it also migrates: PGlite is
 * private to this process and nobody else would; in production migrations run once per deploy.
 */
export function getDatabase(): Promise<Db> {
  opening ??= open().catch((error: unknown) => {
    opening = undefined; // a failed open (database down) is retried by the next request
    throw error;
  });
  return opening;
}

async function open(): Promise<Db> {
  const { db } = await openDatabase();
  if (process.env.NODE_ENV !== "production" || process.env.CELLAR_MIGRATE_ON_START === "true") {
    await migrateToLatest(db);
  }
  return db;
}

/**
 * What a warm-up ping does (infra/lambda/database-credentials.ts): opens this container's pool if it
 * is not open yet and runs one round trip on it, which leaves a connection open and checked, idle in
 * the pool, for the next request. Throws when the database cannot be reached.
 */
export async function warmDatabase(): Promise<void> {
  await sql`select 1`.execute(await getDatabase());
}

/** For tests and graceful shutdown of the local stage. */
export async function closeDatabase(): Promise<void> {
  const current = opening;
  opening = undefined;
  if (current) await (await current).destroy();
}
