import { checkSettingsAtInit } from "@cellar/runtime";
import { sql } from "kysely";
import { readLambdaSettings } from "../settings/lambda-settings.js";
import type { Db } from "./database.js";
import { openPostgresFromEnvironment } from "./postgres-database.js";

// A function that uses the database fails its init on a bad database or queue setting, not its first
// query: the runtime runs this check as each of its operations is defined.
checkSettingsAtInit(readLambdaSettings);

/** Opens the process's database. Lambda's is `openProductionDatabase`; the local stage installs its own. */
export type DatabaseOpener = () => Promise<Db>;

let opener: DatabaseOpener = openProductionDatabase;
let opening: Promise<Db> | undefined;

/**
 * One database per process (per Lambda container), opened on first use so that warm-up pings and
 * validation failures never pay for a connection.
 */
export function getDatabase(): Promise<Db> {
  opening ??= opener().catch((error: unknown) => {
    opening = undefined; // a failed open (database down) is retried by the next request
    throw error;
  });
  return opening;
}

/**
 * What Lambda runs: Postgres, never migrated here (the migrations function does that once per
 * deploy, so a cold start never takes a DDL lock). PGlite and the migrations are not imported at all,
 * so they stay out of every handler bundle; the local stage brings them (src/local/local-database.ts).
 */
export async function openProductionDatabase(): Promise<Db> {
  return (await openPostgresFromEnvironment()).db;
}

/** Replaces how the database is opened (the local stage, tests and tools install PGlite and migrations). */
export function useDatabaseOpener(open: DatabaseOpener): void {
  opener = open;
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
