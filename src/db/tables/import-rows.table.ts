import type { ColumnType } from "kysely";

export type ImportRowOutcome = "imported" | "failed";

/** jsonb columns are written as JSON text cast in SQL, and read back parsed. */
export interface ImportRowsTable {
  import_id: string;
  row_index: number;
  data: ColumnType<unknown, string, string>;
  outcome: ImportRowOutcome | null;
  winery_id: string | null;
  errors: ColumnType<Array<{ path: string; message: string }> | null, string | null, string | null>;
  processed_at: Date | null;
}
