import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startWriteForwardingProxy,
  type WriteForwardingProxy,
} from "../../release/testing/write-forwarding/write-forwarding-proxy.js";
import { IMPORT_CHUNK_SIZE } from "../../src/app/import-chunks.js";
import { enqueueImport, findImportOrThrow, stageImport } from "../../src/app/imports.js";
import { type OpenDatabase, openDatabase } from "../../src/db/database.js";
import { migrateToLatest } from "../../src/db/migrate.js";
import type { JobQueue, OutgoingMessage } from "../../src/queue/job-queue.js";
import { importChunkProcessor } from "../../src/workers/import-chunk.worker.js";
import { importRows } from "../imports/import-rows.js";
import { createTemporaryPostgresDatabase, type TemporaryDatabase } from "../support/temporary-postgres.js";

/**
 * The import worker as a secondary region runs it (SQS delivers, the worker writes through Aurora's
 * write forwarding): including its slow path, when the database refuses a row the schema allows.
 */
describe("the import worker on a secondary region's write-forwarding connection", () => {
  let database: TemporaryDatabase;
  let proxy: WriteForwardingProxy;
  let secondary: OpenDatabase;

  beforeAll(async () => {
    database = await createTemporaryPostgresDatabase();
    const home = await openDatabase(database.url);
    await migrateToLatest(home.db);
    // A rule only the database knows, so the chunk's one multi-row insert is refused.
    await sql`alter table wineries add constraint not_this_name check (name <> 'Refused Cellars')`.execute(
      home.db,
    );
    await home.close();
    proxy = await startWriteForwardingProxy(database.url);
    secondary = await openDatabase(proxy.url);
  });
  afterAll(async () => {
    await secondary?.close();
    await proxy?.close();
    await database?.drop();
  });

  it("imports every row but the refused one, once, without a statement write forwarding refuses", async () => {
    const db = secondary.db;
    const rows: unknown[] = importRows(IMPORT_CHUNK_SIZE + 3, "Secondary");
    rows[5] = { name: "Refused Cellars", location: { lat: 1, lng: 1 }, region: "R" };
    const sent: OutgoingMessage[] = [];
    const queue: JobQueue = { send: async (_queue, messages) => void sent.push(...messages) };
    const id = await stageImport(db, "admin-1", rows);
    await enqueueImport(db, queue, await findImportOrThrow(db, id));
    const process = importChunkProcessor(async () => db);
    // Every message twice: SQS delivers at least once.
    for (const delivery of [...sent, ...sent].entries()) {
      await process({
        queue: "imports",
        messageId: String(delivery[0]),
        body: delivery[1].body,
        receiveCount: 1,
      });
    }

    const job = await findImportOrThrow(db, id);
    expect(job.status).toBe("completed");
    expect(job.counts).toEqual({ total: rows.length, imported: rows.length - 1, failed: 1, pending: 0 });
    expect(job.errors).toEqual([
      { row: 5, errors: [{ path: "/body/5", message: "was refused by the database" }] },
    ]);
    const { rows: wineries } = await sql<{ n: number }>`
      select count(*)::int as n from wineries where name like 'Secondary Cellars%'`.execute(db);
    expect(wineries[0]?.n).toBe(rows.length - 1);
    expect(proxy.refusals).toEqual([]);
  });
});
