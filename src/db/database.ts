import { mkdir } from "node:fs/promises";
import { type Dialect, Kysely, PostgresDialect } from "kysely";
import { readDatabaseSettings } from "../settings/database-settings.js";
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

export interface OpenDatabaseOptions {
  /** Size of the pg pool; defaults to DATABASE_POOL_MAX, else 5. Ignored for PGlite (one session). */
  poolMax?: number;
  /** How long to wait for a new connection; defaults to DATABASE_CONNECT_TIMEOUT_MS, else 5000. */
  connectTimeoutMs?: number;
}

export async function openDatabase(url?: string, options: OpenDatabaseOptions = {}): Promise<OpenDatabase> {
  // An explicit url replaces DATABASE_URL only; the pool settings still come from the environment.
  const settings = readDatabaseSettings(
    url === undefined ? process.env : { ...process.env, DATABASE_URL: url },
  );
  const location = settings.location;
  const dialect =
    location.kind === "postgres"
      ? await createPostgresDialect(location.connectionString, {
          max: options.poolMax ?? settings.poolMax,
          connectionTimeoutMillis: options.connectTimeoutMs ?? settings.connectTimeoutMs,
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
  { max, connectionTimeoutMillis }: { max: number; connectionTimeoutMillis: number },
): Promise<Dialect> {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({
    connectionString,
    max,
    // pg waits forever by default: a database that swallows packets (a failover, a security group)
    // would hold every request until the gateway gives up, instead of answering 503 while it is gone.
    connectionTimeoutMillis,
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
