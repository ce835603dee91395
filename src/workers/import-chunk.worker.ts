import { getDatabase } from "../app/database-instance.js";
import { importChunk } from "../app/import-chunk.js";
import { parseImportChunk } from "../app/import-chunks.js";
import type { Db } from "../db/database.js";
import type { QueueRecord, RecordProcessor } from "../queue/job-queue.js";

/**
 * Consumes "imports": each message names a chunk of staged rows (see importChunk for why a
 * redelivered or duplicated message imports nothing twice).
 */
export function importChunkProcessor(database: () => Promise<Db> = getDatabase): RecordProcessor {
  return async (record: QueueRecord) => {
    await importChunk(await database(), parseImportChunk(record.body));
  };
}

export const processImportChunk: RecordProcessor = importChunkProcessor();
