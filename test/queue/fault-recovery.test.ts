import type { KyselyPlugin, RootOperationNode } from "kysely";
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { IMPORT_CHUNK_SIZE } from "../../src/app/import-chunks.js";
import { enqueueImport, findImportOrThrow, stageImport } from "../../src/app/imports.js";
import { type Db, type OpenDatabase, openDatabase } from "../../src/db/database.js";
import { migrateToLatest } from "../../src/db/migrate.js";
import type { RecordProcessor } from "../../src/queue/job-queue.js";
import { postgresJobQueue } from "../../src/queue/postgres-job-queue.js";
import type { QueueClock } from "../../src/queue/queue-clock.js";
import { createQueuePoller, type QueuePoller } from "../../src/queue/queue-poller.js";
import { LOCAL_CONSUMER } from "../../src/queue/queue-settings.js";
import { importChunkProcessor } from "../../src/workers/import-chunk.worker.js";
import { databaseBehindProxy, type TcpProxy } from "../hardening/support/tcp-proxy.js";
import { importRows } from "../imports/import-rows.js";
import { truncateAll } from "../support/databases.js";
import { createTemporaryPostgresDatabase, type TemporaryDatabase } from "../support/temporary-postgres.js";

/** The target: an interrupted import completes within this long after the fault ends. */
const RECOVERY_TARGET_MS = 60_000;

/** Time that moves only when the test says so: recovery is measured in simulated milliseconds. */
function simulatedClock(): QueueClock & { advance(ms: number): void } {
  // A millisecond ahead, so messages sent just before (stamped in microseconds) are already due.
  let now = Date.now() + 1;
  return {
    now: () => now,
    advance(ms) {
      now += ms;
    },
  };
}

/**
 * Polls, then lets the simulated time pass that the consumer asked to wait, until `done`; what the
 * running consumer does with real timers. Bounded: gives up after ten simulated minutes.
 */
async function pollUntil(
  poller: QueuePoller,
  clock: ReturnType<typeof simulatedClock>,
  done: () => Promise<boolean>,
): Promise<number[]> {
  const waits: number[] = [];
  const started = clock.now();
  while (!(await done())) {
    if (clock.now() - started > 600_000) throw new Error("the import never completed");
    const { nextPollMs } = await poller.poll();
    waits.push(nextPollMs);
    clock.advance(nextPollMs);
  }
  return waits;
}

/**
 * Hangs the transaction of an import chunk right after it recorded its rows' outcomes, before its
 * commit: the moment a crash would lose the most work. `reached` resolves when it hangs.
 */
function hangBeforeCommit() {
  let reach: () => void = () => {};
  let release: () => void = () => {};
  const reached = new Promise<void>((resolve) => {
    reach = resolve;
  });
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const hanging = new Set<unknown>();
  const plugin: KyselyPlugin = {
    transformQuery({ node, queryId }): RootOperationNode {
      if (node.kind === "RawNode" && /update import_rows/.test(node.sqlFragments.join("?")))
        hanging.add(queryId);
      return node;
    },
    async transformResult({ result, queryId }) {
      if (hanging.has(queryId)) {
        reach();
        await released;
      }
      return result;
    },
  };
  return { plugin, reached, release };
}

/**
 * Recovery of the local (Postgres) queue on real Postgres: a consumer that dies holding a batch,
 * and a database that goes away under one. PGlite lives and dies with its process, so neither
 * fault can happen to it apart from a restart, which is the first case.
 */
describe("an import interrupted by a fault, on the local queue", () => {
  let database: TemporaryDatabase;
  let direct: OpenDatabase;

  beforeAll(async () => {
    database = await createTemporaryPostgresDatabase();
    direct = await openDatabase(database.url, { poolMax: 4 });
    await migrateToLatest(direct.db);
  });
  afterAll(async () => {
    await direct?.close();
    await database?.drop();
  });
  // Heartbeats run on setInterval: faked, they never fire unless a test says so. A dead consumer
  // sends none anyway, and a live one here finishes its batch within one lease of simulated time.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function startImport(chunks: number, tag: string): Promise<string> {
    await truncateAll(direct.db);
    const id = await stageImport(direct.db, "admin-1", importRows(chunks * IMPORT_CHUNK_SIZE, tag));
    await enqueueImport(direct.db, postgresJobQueue, await findImportOrThrow(direct.db, id));
    return id;
  }
  const completed = (id: string) => async () =>
    (await findImportOrThrow(direct.db, id)).status === "completed";
  /** How many wineries each staged row produced: all ones is "exactly once". */
  async function wineriesPerRow(importId: string): Promise<number[]> {
    const { rows } = await sql<{ n: number }>`
      select count(w.id)::int as n
      from import_rows r left join wineries w on w.id = r.winery_id
      where r.import_id = ${importId}::uuid
      group by r.row_index order by r.row_index
    `.execute(direct.db);
    return rows.map((row) => row.n);
  }
  const importer = (db: Db): RecordProcessor =>
    importChunkProcessor(
      async () => db,
      () => {},
    );

  it("resumes within one lease when the stage crashed mid-import: a fresh consumer reclaims what the dead one held", async () => {
    const id = await startImport(3, "Crash");
    const clock = simulatedClock();
    // The stage that will crash has its own sessions, named so they can be killed.
    const crashUrl = new URL(database.url);
    crashUrl.searchParams.set("application_name", "crashing-stage");
    const crashing = await openDatabase(crashUrl.toString(), { poolMax: 2 });
    const hang = hangBeforeCommit();
    let chunk = 0;
    const doomed = createQueuePoller({
      database: async () => crashing.db,
      queue: "imports",
      clock,
      processor: async (record) =>
        importer(chunk++ === 0 ? crashing.db : crashing.db.withPlugin(hang.plugin))(record),
    });
    // It receives all three chunks, imports the first, and dies inside the second's transaction.
    const doomedPoll = doomed.poll();
    await hang.reached;
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
              where application_name = 'crashing-stage'`.execute(direct.db);
    const crashedAt = clock.now();
    expect((await findImportOrThrow(direct.db, id)).counts).toMatchObject({ imported: 500, pending: 1000 });

    const restarted = createQueuePoller({
      database: async () => direct.db,
      queue: "imports",
      clock,
      processor: importer(direct.db),
    });
    await pollUntil(restarted, clock, completed(id));

    const recoveredIn = clock.now() - crashedAt;
    expect(recoveredIn).toBeLessThanOrEqual(LOCAL_CONSUMER.leaseMs + LOCAL_CONSUMER.idlePollMs);
    expect(recoveredIn).toBeLessThan(RECOVERY_TARGET_MS);
    const job = await findImportOrThrow(direct.db, id);
    expect(job.counts).toEqual({ total: 1500, imported: 1500, failed: 0, pending: 0 });
    expect(await wineriesPerRow(id)).toEqual(new Array(1500).fill(1));
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from queue_messages`.execute(
      direct.db,
    );
    expect(rows[0]?.n).toBe(0);

    // The dead consumer's last gasp (its process is gone in real life) changes nothing.
    hang.release();
    await doomedPoll;
    await crashing.close();
    expect(await wineriesPerRow(id)).toEqual(new Array(1500).fill(1));
  });

  it("lets a live consumer keep its batch past the lease by renewing it: nobody else receives it meanwhile", async () => {
    await truncateAll(direct.db);
    await postgresJobQueue.send("imports", [{ body: "long job" }], direct.db);
    const clock = simulatedClock();
    let renewed: () => void = () => {};
    // Observes the holder's heartbeats landing: its only UPDATE statements while it works.
    const updates = new Set<unknown>();
    const renewals: KyselyPlugin = {
      transformQuery({ node, queryId }): RootOperationNode {
        if (node.kind === "UpdateQueryNode") updates.add(queryId);
        return node;
      },
      async transformResult({ result, queryId }) {
        if (updates.has(queryId)) renewed();
        return result;
      },
    };
    const holderDb = direct.db.withPlugin(renewals);
    const rival = createQueuePoller({
      database: async () => direct.db,
      queue: "imports",
      clock,
      processor: async () => {},
    });
    const seenByRival: number[] = [];
    const holder = createQueuePoller({
      database: async () => holderDb,
      queue: "imports",
      clock,
      processor: async () => {
        // Three times the lease passes while it works; a heartbeat lands every `heartbeatMs`.
        for (let beat = 0; beat < 9; beat++) {
          const landed = new Promise<void>((resolve) => {
            renewed = resolve;
          });
          clock.advance(LOCAL_CONSUMER.heartbeatMs);
          vi.advanceTimersByTime(LOCAL_CONSUMER.heartbeatMs);
          await landed;
          seenByRival.push((await rival.poll()).received);
        }
      },
    });
    expect(await holder.poll()).toMatchObject({ received: 1, failed: 0 });
    expect(seenByRival).toEqual(new Array(9).fill(0));
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from queue_messages`.execute(
      direct.db,
    );
    expect(rows[0]?.n).toBe(0);
  });

  describe("when Postgres goes away mid-batch", () => {
    let proxy: TcpProxy;
    let viaProxy: OpenDatabase;
    beforeAll(async () => {
      const behindProxy = await databaseBehindProxy(database.url);
      proxy = behindProxy.proxy;
      viaProxy = await openDatabase(behindProxy.url, { poolMax: 2, connectTimeoutMs: 2_000 });
    });
    afterAll(async () => {
      await viaProxy?.close();
      await proxy?.close();
    });

    it("backs off while it is away and resumes within one back-off of its return, exactly once", async () => {
      const id = await startImport(3, "Outage");
      const clock = simulatedClock();
      let chunk = 0;
      const poller = createQueuePoller({
        database: async () => viaProxy.db,
        queue: "imports",
        clock,
        // As long as SQS's visibility timeout: only giving the batch back can explain a quick recovery.
        visibilityTimeoutMs: 720_000,
        processor: async (record) => {
          // The database goes away after the first chunk of the batch.
          if (chunk++ === 1) await proxy.down();
          await importer(viaProxy.db)(record);
        },
      });
      const first = await poller.poll();
      expect(first.nextPollMs).toBe(LOCAL_CONSUMER.outageFirstBackoffMs);
      expect((await findImportOrThrow(direct.db, id)).counts).toMatchObject({ imported: 500, pending: 1000 });

      // Twelve seconds of outage, polled as the consumer asks: capped exponential back-off.
      const outageStarted = clock.now();
      const waits = [first.nextPollMs];
      clock.advance(first.nextPollMs);
      while (clock.now() - outageStarted < 12_000) {
        const { nextPollMs, received } = await poller.poll();
        expect(received).toBe(0);
        waits.push(nextPollMs);
        clock.advance(nextPollMs);
      }
      expect(waits).toEqual([500, 1_000, 2_000, 4_000, 8_000]);
      // The outage ended at 12 s; the consumer only notices at its next poll, scheduled for 15.5 s.
      await proxy.up();
      const backAt = outageStarted + 12_000;

      await pollUntil(poller, clock, completed(id));

      const recoveredIn = clock.now() - backAt;
      expect(recoveredIn).toBeLessThanOrEqual(LOCAL_CONSUMER.outageMaxBackoffMs);
      expect(recoveredIn).toBeLessThan(RECOVERY_TARGET_MS);
      const job = await findImportOrThrow(direct.db, id);
      expect(job.counts).toEqual({ total: 1500, imported: 1500, failed: 0, pending: 0 });
      expect(await wineriesPerRow(id)).toEqual(new Array(1500).fill(1));
    });
  });
});
