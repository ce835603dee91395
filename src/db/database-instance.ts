import { readRuntimeSettings } from "../settings/runtime-settings.js";
import { type Db, openDatabase } from "./database.js";
import { migrateToLatest } from "./migrate.js";

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
  if (readRuntimeSettings().migrateOnStart) await migrateToLatest(db);
  return db;
}

/** For tests and graceful shutdown of the local stage. */
export async function closeDatabase(): Promise<void> {
  const current = opening;
  opening = undefined;
  if (current) await (await current).destroy();
}
