import { openDatabase } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { insertWinery } from "../src/db/winery.repository.js";
import { createTemporaryDatabase } from "./bench-database.js";
import type { Bundle, BundleName } from "./bundles.js";
import { type Probe, probe, SAMPLES, TARGET_RATIO } from "./cold-start.bench.js";
import type { Figure } from "./figure.js";
import { getWineryEvent } from "./lambda-events.js";
import { median } from "./stats.js";

/**
 * Cold start of a handler that reads Postgres, against bare Middy on the same database libraries:
 * a fresh `node` imports the bundle (pg bundled in, as Lambda ships it) and answers GET
 * /v1/wineries/{id} from a temporary database, so both open a pg pool and run the same query.
 * Variants take turns; CPU time (user + system) of the process, median of SAMPLES.
 */
export async function measureDatabaseColdStart(bundles: Record<BundleName, Bundle>): Promise<Figure[]> {
  const temporary = await createTemporaryDatabase();
  try {
    const wineryId = await seedOneWinery(temporary.url);
    const event = getWineryEvent(wineryId);
    const env = { DATABASE_URL: temporary.url };
    const ours: Probe[] = [];
    const bare: Probe[] = [];
    for (let sample = 0; sample < SAMPLES; sample += 1) {
      for (const [name, samples] of [
        ["typicalWithPg", ours],
        ["bareMiddyDatabase", bare],
      ] as const) {
        const result = await probe(bundles[name], event, env);
        if (result.statusCode !== 200) throw new Error(`${name} answered ${result.statusCode}, not 200`);
        samples.push(result);
      }
    }
    const cpu = (samples: readonly Probe[]) => median(samples.map((sample) => sample.totalCpuMs));
    const wall = (samples: readonly Probe[]) => median(samples.map((sample) => sample.totalMs));
    const oursCpu = cpu(ours);
    const bareCpu = cpu(bare);
    return [
      {
        id: "coldstart.typicalDatabase",
        group: `Cold start on Postgres (import + GET /v1/wineries/{id}, fresh process, CPU time, median of ${SAMPLES})`,
        label: "get-winery-v1 handler (kysely, pg bundled in)",
        value: oursCpu,
        unit: "ms",
        baseline: { label: "bare Middy on kysely + pg, same query", value: bareCpu },
        better: "lower",
        target: { text: `≤ ${TARGET_RATIO}x bare Middy`, met: oursCpu <= bareCpu * TARGET_RATIO },
        checkOn: "ratio",
        note: `+${(oursCpu - bareCpu).toFixed(1)} ms; wall ${wall(ours).toFixed(1)} ms vs ${wall(bare).toFixed(1)} ms`,
      },
    ];
  } finally {
    await temporary.drop();
  }
}

async function seedOneWinery(url: string): Promise<string> {
  const { db, close } = await openDatabase(url, { poolMax: 1 });
  try {
    await migrateToLatest(db);
    const winery = await insertWinery(db, {
      name: "Cold Start Cellars",
      lat: 38.5,
      lng: -122.4,
      region: "Napa",
    });
    return winery.id;
  } finally {
    await close();
  }
}
