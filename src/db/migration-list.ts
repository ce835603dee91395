import type { Migration } from "kysely";
import * as createWineries from "./migrations/2026-11-23T10-00-create-wineries.migration.js";
import * as createFavorites from "./migrations/2026-11-23T10-01-create-favorites.migration.js";
import * as createReviews from "./migrations/2026-11-23T10-02-create-reviews.migration.js";
import * as createIdempotencyKeys from "./migrations/2026-11-23T10-03-create-idempotency-keys.migration.js";
import * as createQueueMessages from "./migrations/2026-11-23T12-00-create-queue-messages.migration.js";
import * as createImports from "./migrations/2026-11-23T12-01-create-imports.migration.js";

/**
 * Every migration, keyed by its file name without `.migration.ts`. Listed by hand rather than read
 * from disk so the esbuild Lambda bundle carries them. Kysely applies them in key order; a test
 * checks this list against the directory.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  "2026-11-23T10-00-create-wineries": createWineries,
  "2026-11-23T10-01-create-favorites": createFavorites,
  "2026-11-23T10-02-create-reviews": createReviews,
  "2026-11-23T10-03-create-idempotency-keys": createIdempotencyKeys,
  "2026-11-23T12-00-create-queue-messages": createQueueMessages,
  "2026-11-23T12-01-create-imports": createImports,
};
