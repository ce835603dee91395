import type { Generated } from "kysely";

export interface ImportJobsTable {
  id: Generated<string>;
  created_by: string;
  total_rows: number;
  chunk_size: number;
  created_at: Generated<Date>;
  enqueued_at: Date | null;
}
