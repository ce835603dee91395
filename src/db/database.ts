import { mkdir } from "node:fs/promises";
import { Kysely } from "kysely";
import { readDatabaseSettings } from "../settings/database-settings.js";
import { PGliteDialect } from "./pglite-dialect.js";
import { type OpenDatabaseOptions, openPostgresDatabase } from "./postgres-database.js";
import type { Database } from "./tables/database.schema.js";
import { numericTypeParsers } from "./type-parsers.js";

export type { Database };
export type Db = Kysely<Database>;
export type DatabaseKind = "pglite" | "postgres";
export {
  type DatabaseLocation,
  DEFAULT_PGLITE_DIR,
  resolveDatabaseLocation,
} from "../settings/database-settings.js";
export type { OpenDatabaseOptions } from "./postgres-database.js";

export interface OpenDatabase {
  db: Db;
  kind: DatabaseKind;
  close(): Promise<void>;
}

/**
 * Any backend DATABASE_URL (or `url`) names, PGlite included: for the local stage, tests and tools.
 * Lambda functions open Postgres only (`openPostgresFromEnvironment`, through
 * src/db/database-instance.ts), so that this module and the PGlite dialect stay out of their bundles.
 */
export async function openDatabase(url?: string, options: OpenDatabaseOptions = {}): Promise<OpenDatabase> {
  // An explicit url replaces DATABASE_URL only; the pool settings still come from the environment.
  const { location } = readDatabaseSettings(
    url === undefined ? process.env : { ...process.env, DATABASE_URL: url },
  );
  if (location.kind === "postgres") return openPostgresDatabase(location.connectionString, options);
  const db = new Kysely<Database>({ dialect: await createPGliteDialect(location.dataDir) });
  return { db, kind: "pglite", close: () => db.destroy() };
}

// PGlite itself is imported lazily (a WASM build of Postgres); our dialect over it is imported up
// front: importing a bundled module lazily makes esbuild wrap it and everything it imports (all of
// kysely) in lazy initialisers, ~10 ms more of every cold start.
async function createPGliteDialect(dataDir: string | undefined): Promise<PGliteDialect> {
  const { PGlite } = await import("@electric-sql/pglite");
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir, { parsers: numericTypeParsers });
  return new PGliteDialect(pglite);
}
