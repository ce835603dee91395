import type { ProblemFieldError } from "@cellar/runtime";

export type ImportStatus = "queued" | "processing" | "completed";

export interface ImportCounts {
  total: number;
  imported: number;
  failed: number;
  pending: number;
}

export interface ImportRowError {
  row: number;
  errors: ProblemFieldError[];
}

/** A bulk import as its readers see it: status and counts are derived from its rows, never stored. */
export interface ImportJob {
  id: string;
  createdBy: string;
  chunkSize: number;
  createdAt: Date;
  enqueuedAt: Date | null;
  completedAt: Date | null;
  status: ImportStatus;
  counts: ImportCounts;
  /** The first failed rows, by row index (see `IMPORT_ERRORS_LISTED`). */
  errors: ImportRowError[];
}

/** The spec's `ImportV2.errors.maxItems`: enough to fix a file, bounded so the response stays small. */
export const IMPORT_ERRORS_LISTED = 1000;

export function importStatus(counts: ImportCounts): ImportStatus {
  if (counts.pending === 0) return "completed";
  return counts.pending === counts.total ? "queued" : "processing";
}
