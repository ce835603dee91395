/**
 * Rating lag under sustained review writes (issue 19): reviews are written at a steady rate for a
 * while, each publishing its rating event to the local Postgres queue, while the local stage's
 * consumer runs; the lag is how long after the last write every winery's rating is current (no
 * drift from a full recompute, nothing left in the queue). Measured twice in the same run: with the
 * baseline consumer (one recompute per event, as before coalescing) and with the coalesced one (one
 * recompute per winery per batch). Loopback Postgres only; bounded by --seconds plus --max-lag.
 *
 *   npx tsx bench/rating-lag.bench.ts [--seconds 30] [--rate 900] [--wineries 20] [--max-lag 120]
 */
import { parseArgs } from "node:util";
import { createReviewOrThrow } from "../src/app/reviews.js";
import { type Db, openDatabase } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { findRatingDrift } from "../src/db/rating-rollup.repository.js";
import { insertWinery } from "../src/db/winery.repository.js";
import { eachRecord } from "../src/queue/each-record.js";
import type { BatchProcessor } from "../src/queue/job-queue.js";
import { postgresJobQueue } from "../src/queue/postgres-job-queue.js";
import { startQueueConsumer } from "../src/queue/queue-poller.js";
import { ratingRollupBatchProcessor, ratingRollupProcessor } from "../src/workers/rating-rollup.worker.js";
import { createTemporaryDatabase, isPostgresReachable } from "./bench-database.js";

/** The target: every rating current within this long after the last write. */
const TARGET_LAG_MS = 5_000;
/** Writes in flight at once: enough to keep the rate on a loaded machine. */
const WRITERS = 16;

interface LagRun {
  written: number;
  writeSeconds: number;
  backlogAtLastWrite: number;
  lagMs: number | undefined;
}

async function measureLag(
  db: Db,
  processor: BatchProcessor,
  options: { seconds: number; rate: number; wineries: number; maxLagMs: number },
): Promise<LagRun> {
  const wineryIds: string[] = [];
  for (let i = 0; i < options.wineries; i++) {
    const { id } = await insertWinery(db, { name: `Lag ${i}`, lat: 38.5, lng: -122.4, region: "Bench" });
    wineryIds.push(id);
  }
  const consumer = startQueueConsumer({
    database: async () => db,
    queue: "rating-events",
    batchProcessor: processor,
    onError: (message, error) => process.stderr.write(`consumer: ${message}: ${String(error)}\n`),
  });
  try {
    const total = Math.round(options.seconds * options.rate);
    const started = performance.now();
    let next = 0;
    const writer = async () => {
      for (let index = next++; index < total; index = next++) {
        const due = started + (index * 1000) / options.rate;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const sub = `bench-user-${index}`;
        const wineryId = wineryIds[index % wineryIds.length] as string;
        const caller = { sub, email: null, groups: [], claims: { sub } };
        await createReviewOrThrow(db, caller, wineryId, { rating: (index % 5) + 1 }, postgresJobQueue);
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, writer));
    const lastWrite = performance.now();
    const backlog = await queued(db);
    let lagMs: number | undefined;
    while (performance.now() - lastWrite < options.maxLagMs) {
      if ((await queued(db)) === 0 && (await findRatingDrift(db)).length === 0) {
        lagMs = performance.now() - lastWrite;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { written: total, writeSeconds: (lastWrite - started) / 1000, backlogAtLastWrite: backlog, lagMs };
  } finally {
    await consumer.stop();
  }
}

async function queued(db: Db): Promise<number> {
  const row = await db
    .selectFrom("queue_messages")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("queue", "=", "rating-events")
    .where("dead_lettered_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function onFreshDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const temporary = await createTemporaryDatabase();
  const { db, close } = await openDatabase(temporary.url, { poolMax: WRITERS + 4 });
  try {
    await migrateToLatest(db);
    return await work(db);
  } finally {
    await close();
    await temporary.drop();
  }
}

const format = (run: LagRun) =>
  `${run.written} writes in ${run.writeSeconds.toFixed(1)} s (${(run.written / run.writeSeconds).toFixed(0)}/s), ` +
  `${run.backlogAtLastWrite} events queued at the last write, ratings current ` +
  (run.lagMs === undefined ? "not within the bound" : `${(run.lagMs / 1000).toFixed(2)} s after it`);

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "30" },
    rate: { type: "string", default: "900" },
    wineries: { type: "string", default: "20" },
    "max-lag": { type: "string", default: "120" },
  },
  strict: true,
});
const options = {
  seconds: Number(values.seconds),
  rate: Number(values.rate),
  wineries: Number(values.wineries),
  maxLagMs: Number(values["max-lag"]) * 1000,
};
if (!Object.values(options).every((value) => Number.isFinite(value) && value > 0)) {
  process.stderr.write(
    "usage: tsx bench/rating-lag.bench.ts [--seconds N] [--rate N] [--wineries N] [--max-lag S]\n",
  );
  process.exit(2);
}
if (!(await isPostgresReachable())) {
  process.stderr.write("rating-lag: no Postgres reachable (DATABASE_URL or 127.0.0.1:5432)\n");
  process.exit(2);
}

const baseline = await onFreshDatabase((db) =>
  measureLag(db, eachRecord(ratingRollupProcessor(async () => db)), options),
);
process.stdout.write(`baseline (one recompute per event): ${format(baseline)}\n`);
const coalesced = await onFreshDatabase((db) =>
  measureLag(
    db,
    ratingRollupBatchProcessor(async () => db),
    options,
  ),
);
process.stdout.write(`coalesced (one per winery per batch): ${format(coalesced)}\n`);
const lag = (run: LagRun) => run.lagMs ?? options.maxLagMs;
process.stdout.write(
  `lag ratio baseline/coalesced: ${(lag(baseline) / lag(coalesced)).toFixed(1)}x` +
    `${baseline.lagMs === undefined ? " (baseline hit the bound: at least this)" : ""}; ` +
    `target (≤ ${TARGET_LAG_MS / 1000} s after the last write): ${
      coalesced.lagMs !== undefined && coalesced.lagMs <= TARGET_LAG_MS ? "met" : "missed"
    }\n`,
);
