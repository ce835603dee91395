import { openDatabase } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { createTemporaryDatabase } from "./bench-database.js";
import type { Figure } from "./figure.js";
import { insertBenchWineries } from "./geo-data.js";
import { geoFigures, measureGeoLatency } from "./geo-query.bench.js";
import { measureThroughput } from "./throughput.bench.js";

const QUERIES = 60;

/**
 * The benches that need Postgres share one temporary database: geo latency at 10k wineries, the
 * local stage's throughput on that same table, then geo latency again once it holds 100k.
 */
export async function measureDatabaseBenches(
  include: { geo: boolean; throughput: boolean },
  progress: (message: string) => void,
): Promise<Figure[]> {
  const temporary = await createTemporaryDatabase();
  // One connection, so that the full-scan baseline's session settings reach its queries.
  const { db, close } = await openDatabase(temporary.url, { poolMax: 1 });
  const figures: Figure[] = [];
  try {
    await migrateToLatest(db);
    await insertBenchWineries(db, 0, 10_000);
    if (include.geo) {
      progress("geo query latency at 10k wineries");
      figures.push(...geoFigures(await measureGeoLatency(db, 10_000, QUERIES)));
    }
    if (include.throughput) {
      progress("local stage throughput");
      figures.push(...(await measureThroughput(temporary.url)));
    }
    if (include.geo) {
      await insertBenchWineries(db, 10_000, 100_000);
      progress("geo query latency at 100k wineries");
      figures.push(...geoFigures(await measureGeoLatency(db, 100_000, QUERIES)));
    }
    return figures;
  } finally {
    await close();
    await temporary.drop();
  }
}
