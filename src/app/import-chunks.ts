import type { OutgoingMessage } from "../queue/job-queue.js";
import { parseMessageJson } from "../queue/message-json.js";

/** Rows per queue message: small messages, and one chunk is one short transaction for the worker. */
export const IMPORT_CHUNK_SIZE = 500;

/** One message of the "imports" queue: import the rows `[fromRow, toRow)` of an import. */
export interface ImportChunk {
  importId: string;
  fromRow: number;
  toRow: number;
}

export function importChunkMessages(
  importId: string,
  totalRows: number,
  chunkSize: number,
): OutgoingMessage[] {
  const messages: OutgoingMessage[] = [];
  for (let fromRow = 0; fromRow < totalRows; fromRow += chunkSize) {
    const chunk: ImportChunk = { importId, fromRow, toRow: Math.min(fromRow + chunkSize, totalRows) };
    messages.push({ body: JSON.stringify(chunk) });
  }
  return messages;
}

/** Throws on a body that is not a chunk: such a message can never succeed, so it is dead-lettered. */
export function parseImportChunk(body: string): ImportChunk {
  const value = parseMessageJson(body, "import chunk") as Partial<Record<keyof ImportChunk, unknown>> | null;
  const { importId, fromRow, toRow } = value ?? {};
  if (
    typeof importId !== "string" ||
    !Number.isInteger(fromRow) ||
    !Number.isInteger(toRow) ||
    (fromRow as number) < 0 ||
    (toRow as number) < (fromRow as number)
  ) {
    throw new Error(`not an import chunk: ${body.slice(0, 200)}`);
  }
  return { importId, fromRow: fromRow as number, toRow: toRow as number };
}
