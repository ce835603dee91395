import { importChunk } from "../app/import-chunk.js";
import { failImportChunk } from "../app/import-chunk-failure.js";
import { parseImportChunk } from "../app/import-chunks.js";
import type { Db } from "../db/database.js";
import { getDatabase } from "../db/database-instance.js";
import type { QueueRecord, RecordProcessor } from "../queue/job-queue.js";
import { QUEUE_SETTINGS } from "../queue/queue-settings.js";

type Log = (message: string, error: unknown) => void;

/**
 * Consumes "imports": each message names a chunk of staged rows (see importChunk for why a
 * redelivered or duplicated message imports nothing twice). A chunk that throws is retried by the
 * queue; on its last allowed delivery its pending rows are failed instead and the message is
 * acknowledged, since a dead-lettered chunk would leave its import "processing" for ever. Only if
 * that fails too (the database is down) does the message go to the dead-letter queue.
 */
export function importChunkProcessor(
  database: () => Promise<Db> = getDatabase,
  log: Log = (message, error) => console.error(message, error),
): RecordProcessor {
  return async (record: QueueRecord) => {
    const chunk = parseImportChunk(record.body);
    try {
      await importChunk(await database(), chunk);
    } catch (error) {
      // The same count after which the Postgres queue and the SQS redrive policy dead-letter.
      if (record.receiveCount < QUEUE_SETTINGS[record.queue].maxReceiveCount) throw error;
      try {
        const failed = await failImportChunk(await database(), chunk, record.receiveCount);
        log(
          `import ${chunk.importId} rows ${chunk.fromRow}-${chunk.toRow - 1}: gave up, ${failed} rows failed`,
          error,
        );
      } catch (failing) {
        log(
          `import ${chunk.importId} rows ${chunk.fromRow}-${chunk.toRow - 1}: could not fail its rows`,
          failing,
        );
        throw error;
      }
    }
  };
}

export const processImportChunk: RecordProcessor = importChunkProcessor();
