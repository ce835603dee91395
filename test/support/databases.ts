import { sql } from "kysely";
import { afterAll, beforeAll } from "vitest";
import { type DatabaseKind, type Db, openDatabase } from "../../src/db/database.js";
import { migrateToLatest } from "../../src/db/migrate.js";
import { createTemporaryPostgresDatabase } from "./temporary-postgres.js";

export { createTemporaryPostgresDatabase, postgresServerUrl } from "./temporary-postgres.js";

/**
 * Every data test runs against both backends:
 *
 *   describe.each(backends)("wineries on $name", (backend) => {
 *     const db = useDatabase(backend);
 *     it("...", async () => { await insertWinery(db(), ...) });
 *   });
 *
 * Each open() gives a fresh, migrated database: an in-memory PGlite (boots in seconds, so open one
 * per file) or a new `cellar_t_<random>` database on the real server, dropped again on close().
 */
export interface TestDatabase {
  db: Db;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export interface OpenTestDatabaseOptions {
  /** false leaves the schema empty, for tests of the migrations themselves. */
  migrate?: boolean;
}

export interface Backend {
  name: DatabaseKind;
  open(options?: OpenTestDatabaseOptions): Promise<TestDatabase>;
}

// Enough connections that the concurrency tests really run their transactions side by side.
const TEST_POOL_MAX = 20;

export const backends: Backend[] = [
  { name: "pglite", open: openPGliteDatabase },
  { name: "postgres", open: openPostgresDatabase },
];

/** Opens `backend` before the enclosing describe's tests and closes it after them. */
export function useDatabase(backend: Backend, options?: OpenTestDatabaseOptions): () => Db {
  let opened: TestDatabase | undefined;
  beforeAll(async () => {
    opened = await backend.open(options);
  });
  afterAll(async () => {
    await opened?.close();
  });
  return () => {
    if (!opened) throw new Error(`the ${backend.name} test database is not open (used outside a test?)`);
    return opened.db;
  };
}

/** Empties every table, for files whose tests need a clean slate rather than distinct data. */
export async function truncateAll(db: Db): Promise<void> {
  await sql`truncate wineries, favorites, reviews, idempotency_keys, import_rows, import_jobs, queue_messages`.execute(
    db,
  );
}

async function openPGliteDatabase(options: OpenTestDatabaseOptions = {}): Promise<TestDatabase> {
  const opened = await openDatabase("memory://");
  if (options.migrate !== false) await migrateToLatest(opened.db);
  return opened;
}

async function openPostgresDatabase(options: OpenTestDatabaseOptions = {}): Promise<TestDatabase> {
  const temporary = await createTemporaryPostgresDatabase();
  const opened = await openDatabase(temporary.url, { poolMax: TEST_POOL_MAX });
  const close = async () => {
    await opened.close();
    await temporary.drop();
  };
  try {
    if (options.migrate !== false) await migrateToLatest(opened.db);
  } catch (error) {
    await close();
    throw error;
  }
  return { db: opened.db, kind: opened.kind, close };
}
