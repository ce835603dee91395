import type { KyselyPlugin, RootOperationNode } from "kysely";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { IMPORT_CHUNK_SIZE } from "../../src/app/import-chunks.js";
import { enqueueImport, findImportOrThrow, stageImport } from "../../src/app/imports.js";
import type { Db } from "../../src/db/database.js";
import type { QueueRecord } from "../../src/queue/job-queue.js";
import { postgresJobQueue } from "../../src/queue/postgres-job-queue.js";
import { listDeadLetters, receiveMessages } from "../../src/queue/postgres-queue.repository.js";
import { consumeBatch, drainQueue } from "../../src/queue/postgres-queue-consumer.js";
import { QUEUE_SETTINGS } from "../../src/queue/queue-settings.js";
import { importChunkProcessor } from "../../src/workers/import-chunk.worker.js";
import { backends, truncateAll, useDatabase } from "../support/databases.js";
import { importRows } from "./import-rows.js";

/** Fails the statement that records row outcomes, i.e. after the chunk's wineries were inserted. */
function crashBeforeRecordingOutcomes(times: number): KyselyPlugin {
  let left = times;
  return {
    transformQuery({ node }): RootOperationNode {
      const text = node.kind === "RawNode" ? node.sqlFragments.join("?") : "";
      if (left > 0 && /update import_rows/.test(text)) {
        left -= 1;
        throw new Error("worker crashed mid-chunk");
      }
      return node;
    },
    transformResult: async ({ result }) => result,
  };
}

/** Fails recording the outcomes of the chunk starting at `fromRow`, on every delivery: a poisoned chunk. */
function poisonChunk(fromRow: number): KyselyPlugin {
  return {
    transformQuery({ node }): RootOperationNode {
      if (node.kind === "RawNode" && /update import_rows/.test(node.sqlFragments.join("?"))) {
        const values = node.parameters.map((parameter) =>
          "value" in parameter ? String(parameter.value) : "",
        );
        if (values.some((value) => value.includes(`"row_index":${fromRow},`)))
          throw new Error("chunk poisoned");
      }
      return node;
    },
    transformResult: async ({ result }) => result,
  };
}

/** A database that is down: every statement fails. */
const databaseDown: KyselyPlugin = {
  transformQuery(): RootOperationNode {
    throw new Error("connection refused");
  },
  transformResult: async ({ result }) => result,
};

describe.each(backends)("bulk import worker on $name", (backend) => {
  const db = useDatabase(backend);

  async function startImport(rows: readonly unknown[]): Promise<string> {
    const id = await stageImport(db(), "admin-1", rows);
    await enqueueImport(db(), postgresJobQueue, await findImportOrThrow(db(), id));
    return id;
  }
  const consumer = (database: () => Db = db) => ({
    database: async () => database(),
    queue: "imports" as const,
    processor: importChunkProcessor(
      async () => database(),
      () => {},
    ),
    retryDelayMs: 0,
  });
  /** Each staged row that became a winery, and how many wineries each row produced. */
  async function wineriesPerRow(importId: string): Promise<number[]> {
    const { rows } = await sql<{ n: number }>`
      select count(w.id)::int as n
      from import_rows r left join wineries w on w.id = r.winery_id
      where r.import_id = ${importId}::uuid
      group by r.row_index order by r.row_index
    `.execute(db());
    return rows.map((row) => row.n);
  }
  /** Staged rows whose data was kept after they got their outcome. */
  async function rowsStillHoldingData(importId: string): Promise<number> {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from import_rows
      where import_id = ${importId}::uuid and data <> 'null'::jsonb
    `.execute(db());
    return rows[0]!.n;
  }
  async function wineriesNamed(prefix: string): Promise<number> {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from wineries where name like ${`${prefix}%`}
    `.execute(db());
    return rows[0]!.n;
  }

  it("imports 10,000 rows and reports the import completed with correct counts", async () => {
    await truncateAll(db());
    const id = await startImport(importRows(10_000, "Ten"));
    expect((await findImportOrThrow(db(), id)).status).toBe("queued");
    const messages = await drainQueue(consumer());
    expect(messages).toBe(10_000 / IMPORT_CHUNK_SIZE);
    const job = await findImportOrThrow(db(), id);
    expect(job.status).toBe("completed");
    expect(job.counts).toEqual({ total: 10_000, imported: 10_000, failed: 0, pending: 0 });
    expect(job.errors).toEqual([]);
    expect(job.completedAt).toBeInstanceOf(Date);
    expect(await wineriesNamed("Ten Cellars")).toBe(10_000);
    expect(await rowsStillHoldingData(id)).toBe(0);
  }, 120_000);

  it("lists poison rows in the errors and imports the rows around them", async () => {
    await truncateAll(db());
    const rows: unknown[] = importRows(1200, "Mixed");
    rows[3] = { name: "Too North", location: { lat: 91, lng: 0 }, region: "Arctic" };
    rows[4] = { location: { lat: 1, lng: 1 }, region: "Nameless" };
    rows[700] = { name: "Extra", location: { lat: 1, lng: 1 }, region: "R", color: "red" };
    rows[1199] = { hello: "world" };
    const id = await startImport(rows);
    await drainQueue(consumer());
    const job = await findImportOrThrow(db(), id);
    expect(job.status).toBe("completed");
    expect(job.counts).toEqual({ total: 1200, imported: 1196, failed: 4, pending: 0 });
    expect(job.errors.map((error) => error.row)).toEqual([3, 4, 700, 1199]);
    expect(job.errors[0]).toEqual({
      row: 3,
      errors: [{ path: "/body/3/location/lat", message: "must be <= 90" }],
    });
    expect(job.errors[1]?.errors).toContainEqual({ path: "/body/4/name", message: "is required" });
    expect(job.errors[2]?.errors).toContainEqual({ path: "/body/700/color", message: "is not allowed" });
    expect(await wineriesNamed("Mixed Cellars")).toBe(1196);
  });

  it("loses and duplicates nothing when the worker crashes mid-chunk and mid-batch", async () => {
    await truncateAll(db());
    const id = await startImport(importRows(3 * IMPORT_CHUNK_SIZE, "Crash"));
    // One batch of the three chunks: the second chunk dies after inserting its wineries.
    const crashing = db().withPlugin(crashBeforeRecordingOutcomes(1));
    const first = await consumeBatch({ ...consumer(() => crashing), batchSize: 3 });
    expect(first).toEqual({ received: 3, failed: 1 });
    const midway = await findImportOrThrow(db(), id);
    expect(midway.counts).toEqual({ total: 1500, imported: 1000, failed: 0, pending: 500 });
    expect(midway.status).toBe("processing");
    // The crashed chunk's wineries were rolled back with it.
    expect(await wineriesNamed("Crash Cellars")).toBe(1000);
    await drainQueue(consumer());
    const job = await findImportOrThrow(db(), id);
    expect(job.counts).toEqual({ total: 1500, imported: 1500, failed: 0, pending: 0 });
    expect(await wineriesPerRow(id)).toEqual(new Array(1500).fill(1));
    expect(await wineriesNamed("Crash Cellars")).toBe(1500);
  });

  it("imports nothing twice when the worker dies after importing but before acknowledging", async () => {
    await truncateAll(db());
    const id = await startImport(importRows(2 * IMPORT_CHUNK_SIZE, "Killed"));
    const processor = importChunkProcessor(async () => db());
    // Received with a short visibility timeout, processed, then the process "dies": no delete.
    // On an injected clock, well after the send (stamped by the database's clock): no waiting.
    const t0 = Date.now() + 60_000;
    const received = await receiveMessages(db(), "imports", {
      max: 10,
      visibilityTimeoutMs: 100,
      maxReceiveCount: 5,
      now: new Date(t0),
    });
    expect(received).toHaveLength(2);
    await processor(received[0] as QueueRecord);
    // Both chunks come back once the visibility timeout is over: the finished one is a no-op, the
    // other is imported.
    expect(await drainQueue({ ...consumer(), clock: { now: () => t0 + 99 } })).toBe(0);
    expect(await drainQueue({ ...consumer(), clock: { now: () => t0 + 100 } })).toBe(2);
    const job = await findImportOrThrow(db(), id);
    expect(job.counts).toEqual({ total: 1000, imported: 1000, failed: 0, pending: 0 });
    expect(await wineriesPerRow(id)).toEqual(new Array(1000).fill(1));
  });

  it("imports each row once when the same message is delivered twice at the same time", async () => {
    await truncateAll(db());
    const id = await startImport(importRows(IMPORT_CHUNK_SIZE, "Twice"));
    const [record] = await receiveMessages(db(), "imports", {
      max: 1,
      visibilityTimeoutMs: 60_000,
      maxReceiveCount: 5,
    });
    const processor = importChunkProcessor(async () => db());
    await Promise.all([processor(record as QueueRecord), processor(record as QueueRecord)]);
    await processor(record as QueueRecord);
    const job = await findImportOrThrow(db(), id);
    expect(job.counts).toEqual({ total: 500, imported: 500, failed: 0, pending: 0 });
    expect(await wineriesNamed("Twice Cellars")).toBe(500);
  });

  it("re-sends the chunks of an import whose messages never left, and only those", async () => {
    await truncateAll(db());
    const id = await stageImport(db(), "admin-1", importRows(10, "Resent"));
    const job = await findImportOrThrow(db(), id);
    expect(job.enqueuedAt).toBeNull();
    await enqueueImport(db(), postgresJobQueue, job);
    await enqueueImport(db(), postgresJobQueue, await findImportOrThrow(db(), id));
    expect(await drainQueue(consumer())).toBe(1);
  });

  it("fails the rows of a chunk that throws on every delivery, and completes the import", async () => {
    await truncateAll(db());
    const id = await startImport(importRows(3 * IMPORT_CHUNK_SIZE, "Poison"));
    const poisoned = db().withPlugin(poisonChunk(IMPORT_CHUNK_SIZE));
    const failures: string[] = [];
    await drainQueue({ ...consumer(() => poisoned), onError: (message) => failures.push(message) });
    // Every delivery but the last threw, for the queue to retry; the last one gave up and acknowledged.
    const { maxReceiveCount } = QUEUE_SETTINGS.imports;
    expect(failures).toHaveLength(maxReceiveCount - 1);
    expect(await listDeadLetters(db(), "imports")).toEqual([]);
    const job = await findImportOrThrow(db(), id);
    expect(job.status).toBe("completed");
    expect(job.completedAt).toBeInstanceOf(Date);
    expect(job.counts).toEqual({ total: 1500, imported: 1000, failed: 500, pending: 0 });
    expect(job.errors.map((error) => error.row)).toEqual(
      Array.from({ length: IMPORT_CHUNK_SIZE }, (_, i) => IMPORT_CHUNK_SIZE + i),
    );
    expect(job.errors[0]).toEqual({
      row: 500,
      errors: [
        {
          path: "/body/500",
          message: `could not be imported after ${maxReceiveCount} attempts; the cause is in the import worker's log`,
        },
      ],
    });
    expect(await wineriesNamed("Poison Cellars")).toBe(1000);
    expect(await rowsStillHoldingData(id)).toBe(0);
    expect(await wineriesPerRow(id)).toEqual([
      ...new Array(500).fill(1),
      ...new Array(500).fill(0),
      ...new Array(500).fill(1),
    ]);
  });

  it("dead-letters the chunk as before when its rows cannot be failed either", async () => {
    await truncateAll(db());
    const id = await startImport(importRows(10, "Down"));
    const down = db().withPlugin(databaseDown);
    const processor = importChunkProcessor(
      async () => down,
      () => {},
    );
    const [record] = await receiveMessages(db(), "imports", {
      max: 1,
      visibilityTimeoutMs: 0,
      maxReceiveCount: QUEUE_SETTINGS.imports.maxReceiveCount,
    });
    const last = { ...(record as QueueRecord), receiveCount: QUEUE_SETTINGS.imports.maxReceiveCount };
    await expect(processor(last)).rejects.toThrow("connection refused");
    // Through the queue: every delivery throws, so the message ends in the dead-letter queue.
    await drainQueue({ ...consumer(), processor });
    expect(await listDeadLetters(db(), "imports")).toMatchObject([{ lastError: "connection refused" }]);
    const job = await findImportOrThrow(db(), id);
    expect(job.counts).toEqual({ total: 10, imported: 0, failed: 0, pending: 10 });
  });
});
