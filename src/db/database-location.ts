import { resolve } from "node:path";

export type DatabaseLocation =
  | { kind: "pglite"; dataDir: string | undefined }
  | { kind: "postgres"; connectionString: string };

export const DEFAULT_PGLITE_DIR = ".data/pglite";

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
