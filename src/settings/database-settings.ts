import { resolve } from "node:path";
import { type Environment, InvalidSettingError, integerSetting, rawSetting } from "@cellar/runtime";

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
  throw new InvalidSettingError(
    "DATABASE_URL",
    `has an unsupported scheme "${url.split(":")[0]}": use postgres://, postgresql://, memory:// or leave it unset`,
  );
}

export interface DatabaseSettings {
  /** `DATABASE_URL`. */
  location: DatabaseLocation;
  /** `DATABASE_POOL_MAX`: size of the pg pool (PGlite has one session). */
  poolMax: number;
  /** `DATABASE_CONNECT_TIMEOUT_MS`: how long to wait for a new connection. */
  connectTimeoutMs: number;
  /**
   * `DATABASE_IDLE_TIMEOUT_MS`: how long an idle pooled connection stays open. Lambda sets it longer
   * than the warmer's interval, so the connection a warm-up opened is still there for the next
   * request (infra/constructs/operation-functions.construct.ts).
   */
  idleTimeoutMs: number;
}

export function readDatabaseSettings(env: Environment = process.env): DatabaseSettings {
  return {
    location: resolveDatabaseLocation(rawSetting(env, "DATABASE_URL")),
    poolMax: integerSetting(env, "DATABASE_POOL_MAX", { min: 1 }, DEFAULT_POOL_MAX),
    connectTimeoutMs: integerSetting(
      env,
      "DATABASE_CONNECT_TIMEOUT_MS",
      { min: 1 },
      DEFAULT_CONNECT_TIMEOUT_MS,
    ),
    idleTimeoutMs: integerSetting(env, "DATABASE_IDLE_TIMEOUT_MS", { min: 1 }, DEFAULT_IDLE_TIMEOUT_MS),
  };
}
