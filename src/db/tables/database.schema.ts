import type { FavoritesTable } from "./favorites.table.js";
import type { IdempotencyKeysTable } from "./idempotency-keys.table.js";
import type { ImportJobsTable } from "./import-jobs.table.js";
import type { ImportRowsTable } from "./import-rows.table.js";
import type { QueueMessagesTable } from "./queue-messages.table.js";
import type { ReviewsTable } from "./reviews.table.js";
import type { WineriesTable } from "./wineries.table.js";

export interface Database {
  wineries: WineriesTable;
  favorites: FavoritesTable;
  reviews: ReviewsTable;
  idempotency_keys: IdempotencyKeysTable;
  queue_messages: QueueMessagesTable;
  import_jobs: ImportJobsTable;
  import_rows: ImportRowsTable;
}
