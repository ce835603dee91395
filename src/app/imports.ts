import type { Db } from "../db/database.js";
import type { ImportJob } from "../db/import.model.js";
import { findImportById, insertImport, markImportEnqueued } from "../db/import.repository.js";
import type { JobQueue } from "../queue/job-queue.js";
import { IMPORT_CHUNK_SIZE, importChunkMessages } from "./import-chunks.js";

/** Stages the rows with a new import job; nothing is queued yet (see enqueueImport). */
export function stageImport(db: Db, createdBy: string, rows: readonly unknown[]): Promise<string> {
  return insertImport(db, { createdBy, rows, chunkSize: IMPORT_CHUNK_SIZE });
}

/**
 * Sends one message per chunk once the staged rows are committed (SQS cannot join the
 * transaction, and a worker must never receive a chunk it cannot see yet). Should the process die
 * between the commit and the send, `enqueued_at` stays null and the client's retry with the same
 * Idempotency-Key sends them: a chunk sent twice is harmless, since the worker is idempotent.
 */
export async function enqueueImport(db: Db, queue: JobQueue, job: ImportJob): Promise<void> {
  if (job.enqueuedAt !== null) return;
  await queue.send("imports", importChunkMessages(job.id, job.counts.total, job.chunkSize), db);
  await markImportEnqueued(db, job.id);
}

export async function findImportOrThrow(db: Db, id: string): Promise<ImportJob> {
  const job = await findImportById(db, id);
  if (!job) throw new Error(`import ${id} vanished`);
  return job;
}
