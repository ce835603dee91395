import { logWarning } from "@cellar/runtime";
import { type Dialect, Kysely, PostgresDialect } from "kysely";
import { readDatabaseSettings } from "../settings/database-settings.js";
import type { Database, OpenDatabase } from "./database.js";
import { numericTypeParsers } from "./type-parsers.js";

export interface OpenDatabaseOptions {
  /** Size of the pg pool; defaults to DATABASE_POOL_MAX, else 5. Ignored for PGlite (one session). */
  poolMax?: number;
  /** How long to wait for a new connection; defaults to DATABASE_CONNECT_TIMEOUT_MS, else 5000. */
  connectTimeoutMs?: number;
  /** How long an idle pooled connection stays open; defaults to DATABASE_IDLE_TIMEOUT_MS, else 10000. */
  idleTimeoutMs?: number;
}

/**
 * Postgres through a pg pool: the only backend a Lambda function opens, so this module imports
 * neither PGlite nor the migrations (test/bundle/production-bundles.test.ts holds bundles to that).
 */
export async function openPostgresDatabase(
  connectionString: string,
  options: OpenDatabaseOptions = {},
): Promise<OpenDatabase> {
  const settings = readDatabaseSettings({ ...process.env, DATABASE_URL: connectionString });
  const dialect = await createPostgresDialect(connectionString, {
    max: options.poolMax ?? settings.poolMax,
    connectionTimeoutMillis: options.connectTimeoutMs ?? settings.connectTimeoutMs,
    idleTimeoutMillis: options.idleTimeoutMs ?? settings.idleTimeoutMs,
  });
  const db = new Kysely<Database>({ dialect });
  return { db, kind: "postgres", close: () => db.destroy() };
}

/**
 * What a Lambda function opens (the handlers, the workers, the migrations function): DATABASE_URL
 * must name Postgres. PGlite is for the local stage only, and is not in their bundles.
 */
export function openPostgresFromEnvironment(env: NodeJS.ProcessEnv = process.env): Promise<OpenDatabase> {
  const { location } = readDatabaseSettings(env);
  if (location.kind !== "postgres") {
    throw new Error(
      "DATABASE_URL must be postgres:// or postgresql:// in a Lambda function: PGlite (memory:// or unset) is only for the local stage",
    );
  }
  return openPostgresDatabase(location.connectionString);
}

// pg is imported lazily so local runs on PGlite never load it.
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
  // The pool drops it and the next query connects afresh: a warning, not an error (no stack trace).
  pool.on("error", (error) => logWarning("idle postgres client failed", error));
  // A client checked out when its connection dies emits "error" on itself, where neither pg-pool nor
  // kysely listens: unhandled, that too kills the process. The query in flight already fails with the
  // same error (and becomes a 503), and the pool discards the client when it is released.
  pool.on("connect", (client) => client.on("error", () => {}));
  return new PostgresDialect({ pool });
}
