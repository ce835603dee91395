import type { ImportJob } from "../db/import.model.js";
import type { components } from "../generated/types.gen.js";

export function toImportV2(job: ImportJob): components["schemas"]["ImportV2"] {
  return {
    id: job.id,
    status: job.status,
    counts: job.counts,
    errors: job.errors,
    createdAt: job.createdAt.toISOString(),
    completedAt: job.completedAt ? job.completedAt.toISOString() : null,
  };
}
