import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { type Dialect, Kysely, PostgresDialect } from "kysely";
import { PGliteDialect } from "./pglite-dialect.js";
import type { Database } from "./tables/database.schema.js";
import { numericTypeParsers } from "./type-parsers.js";

export type { Database };
export type Db = Kysely<Database>;
export type DatabaseKind = "pglite" | "postgres";

export interface OpenDatabase {
  db: Db;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export type DatabaseLocation =
  | { kind: "pglite"; dataDir: string | undefined }
  | { kind: "postgres"; connectionString: string };

export const DEFAULT_PGLITE_DIR = ".data/pglite";
const DEFAULT_POOL_MAX = 5;
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/** pg's own default: an idle connection is closed after 10 s. */
const DEFAULT_IDLE_TIMEOUT_MS = 10_000;

/** Maps DATABASE_URL to a backend: unset → PGlite on disk, memory:// → in-memory PGlite, postgres:// → pg. */
export function resolveDatabaseLocation(url: string | undefined): DatabaseLocation {
  if (url === undefined || url.trim() === "") {
    return { kind: "pglite", dataDir: resolve(DEFAULT_PGLITE_DIR) };
  }
  if (url === "memory://") return { kind: "pglite", dataDir: undefined };
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    return { kind: "postgres", connectionString: url };
  }
  // Never echo the URL itself: it may carry a password.
  throw new Error(
    `Unsupported DATABASE_URL scheme "${url.split(":")[0]}": use postgres://, postgresql://, memory:// or leave it unset`,
  );
}

export interface OpenDatabaseOptions {
  /** Size of the pg pool; defaults to DATABASE_POOL_MAX, else 5. Ignored for PGlite (one session). */
  poolMax?: number;
  /** How long to wait for a new connection; defaults to DATABASE_CONNECT_TIMEOUT_MS, else 5000. */
  connectTimeoutMs?: number;
  /**
   * How long an idle pooled connection stays open; defaults to DATABASE_IDLE_TIMEOUT_MS, else 10000.
   * Lambda sets it longer than the warmer's interval, so the connection a warm-up opened is still
   * there for the next request (infra/constructs/operation-functions.construct.ts).
   */
  idleTimeoutMs?: number;
}

export async function openDatabase(
  url = process.env.DATABASE_URL,
  options: OpenDatabaseOptions = {},
): Promise<OpenDatabase> {
  const location = resolveDatabaseLocation(url);
  const dialect =
    location.kind === "postgres"
      ? await createPostgresDialect(location.connectionString, {
          max: options.poolMax ?? positiveIntegerFromEnv("DATABASE_POOL_MAX", DEFAULT_POOL_MAX),
          connectionTimeoutMillis:
            options.connectTimeoutMs ??
            positiveIntegerFromEnv("DATABASE_CONNECT_TIMEOUT_MS", DEFAULT_CONNECT_TIMEOUT_MS),
          idleTimeoutMillis:
            options.idleTimeoutMs ??
            positiveIntegerFromEnv("DATABASE_IDLE_TIMEOUT_MS", DEFAULT_IDLE_TIMEOUT_MS),
        })
      : await createPGliteDialect(location.dataDir);
  const db = new Kysely<Database>({ dialect });
  return { db, kind: location.kind, close: () => db.destroy() };
}

// Both drivers are imported lazily so a Lambda never loads PGlite's WASM (and local runs never load pg).
// Our PGlite dialect is imported up front: importing a bundled module lazily makes esbuild wrap it and
// everything it imports (all of kysely) in lazy initialisers, ~10 ms more of every cold start.
async function createPostgresDialect(
  connectionString: string,
  {
    max,
    connectionTimeoutMillis,
    idleTimeoutMillis,
  }: { max: number; connectionTimeoutMillis: number; idleTimeoutMillis: number },
): Promise<Dialect> {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({
    connectionString,
    max,
    // pg waits forever by default: a database that swallows packets (a failover, a security group)
    // would hold every request until the gateway gives up, instead of answering 503 while it is gone.
    connectionTimeoutMillis,
    idleTimeoutMillis,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        numericTypeParsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client dying (failover, server restart) is emitted on the pool; unhandled, it kills the process.
  pool.on("error", (error) => console.error("idle postgres client failed", error));
  // A client checked out when its connection dies emits "error" on itself, where neither pg-pool nor
  // kysely listens: unhandled, that too kills the process. The query in flight already fails with the
  // same error (and becomes a 503), and the pool discards the client when it is released.
  pool.on("connect", (client) => client.on("error", () => {}));
  return new PostgresDialect({ pool });
}

async function createPGliteDialect(dataDir: string | undefined): Promise<Dialect> {
  const { PGlite } = await import("@electric-sql/pglite");
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir, { parsers: numericTypeParsers });
  return new PGliteDialect(pglite);
}

function positiveIntegerFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}
