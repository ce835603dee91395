import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { type DatabaseKind, type Db, openDatabase } from "../../src/db/database.js";
import { migrateToLatest } from "../../src/db/migrate.js";

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

const DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test";

/** DATABASE_URL when it names a Postgres server (as in CI), else the local default. */
export const postgresServerUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")
  ? (process.env.DATABASE_URL as string)
  : DEFAULT_POSTGRES_URL;

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
  await sql`truncate wineries, favorites, reviews, idempotency_keys`.execute(db);
}

async function openPGliteDatabase(options: OpenTestDatabaseOptions = {}): Promise<TestDatabase> {
  const opened = await openDatabase("memory://");
  if (options.migrate !== false) await migrateToLatest(opened.db);
  return opened;
}

/** A new, empty database on the test server, for code that opens its own connections from a URL. */
export async function createTemporaryPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `cellar_t_${randomBytes(8).toString("hex")}`;
  await onServer(`create database ${name}`);
  const url = new URL(postgresServerUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => dropDatabase(name) };
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

/**
 * pg's pool.end() resolves before the server has seen its clients go, and a forced drop would kill
 * those sessions mid-goodbye (logged as "terminating connection due to administrator command").
 * So wait briefly for them to leave, and only force the drop if some never do.
 */
async function dropDatabase(name: string): Promise<void> {
  await onServer(async (client) => {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const { rows } = await client.query<{ sessions: number }>(
        "select count(*)::int as sessions from pg_stat_activity where datname = $1",
        [name],
      );
      if (rows[0]?.sessions === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await client.query(`drop database if exists ${name} with (force)`);
  });
}

async function onServer(work: string | ((client: pg.Client) => Promise<void>)): Promise<void> {
  const client = new pg.Client({ connectionString: postgresServerUrl });
  await client.connect();
  try {
    if (typeof work === "string") await client.query(work);
    else await work(client);
  } finally {
    await client.end();
  }
}
