import { sql } from "kysely";
import type { Db } from "../src/db/database.js";
import { nearbyWineriesQuery } from "../src/db/winery.repository.js";
import type { Figure } from "./figure.js";
import { searchCenters } from "./geo-data.js";
import { median, percentile } from "./stats.js";

const RADIUS_METERS = 25_000;
const LIMIT = 20;

export interface GeoLatency {
  rows: number;
  index: number[];
  scan: number[];
  indexPlan: string;
  scanPlan: string;
}

/** The plan's scan nodes, outermost first, without costs: what reads the rows, and through which index. */
async function planOf(db: Db, center: { lat: number; lng: number }): Promise<string> {
  const query = nearbyWineriesQuery(db, { ...center, radiusMeters: RADIUS_METERS, limit: LIMIT });
  return (await query.explain())
    .map((row) => String(row["QUERY PLAN"]))
    .filter((line) => /Scan/.test(line))
    .map((line) => line.replace(/^\s*(->\s*)?/, "").replace(/\s*\(cost=.*$/, ""))
    .join(" < ");
}

async function timeQueries(db: Db, centers: Array<{ lat: number; lng: number }>): Promise<number[]> {
  const samples: number[] = [];
  for (const center of centers) {
    const started = performance.now();
    await nearbyWineriesQuery(db, { ...center, radiusMeters: RADIUS_METERS, limit: LIMIT }).execute();
    samples.push(performance.now() - started);
  }
  return samples;
}

/**
 * findWineriesNear's statement as the app runs it (GiST bounding box, then haversine), against the
 * very same statement with index scans disabled: a full scan. `db` must hold one connection, so
 * that the session settings apply to the queries that follow them.
 */
export async function measureGeoLatency(db: Db, rows: number, queries: number): Promise<GeoLatency> {
  const centers = searchCenters(queries);
  await timeQueries(db, centers.slice(0, 5)); // warm the cache and the connection
  const index = await timeQueries(db, centers);
  const indexPlan = await planOf(db, centers[0]!);
  await sql`set enable_indexscan = off`.execute(db);
  await sql`set enable_bitmapscan = off`.execute(db);
  try {
    // The scan is slow at 100k rows: fewer samples keep the bench short and still give a stable median.
    const scan = await timeQueries(db, centers.slice(0, Math.max(10, Math.floor(queries / 4))));
    const scanPlan = await planOf(db, centers[0]!);
    return { rows, index, scan, indexPlan, scanPlan };
  } finally {
    await sql`reset enable_indexscan`.execute(db);
    await sql`reset enable_bitmapscan`.execute(db);
  }
}

export function geoFigures(latency: GeoLatency): Figure[] {
  const usesIndex = /wineries_location_idx/.test(latency.indexPlan);
  const thousands = `${latency.rows / 1000}k`;
  return [
    {
      id: `geo.${thousands}`,
      group: "Geo query latency (Postgres, 25 km, 20 results)",
      label: `bounding box on GiST + haversine, ${thousands} wineries`,
      value: median(latency.index),
      unit: "ms",
      baseline: { label: "full scan", value: median(latency.scan) },
      better: "lower",
      target: { text: "uses wineries_location_idx", met: usesIndex },
      checkOn: "ratio",
      note: `p95 ${percentile(latency.index, 95).toFixed(2)} ms; plan: ${latency.indexPlan}; baseline plan: ${latency.scanPlan}`,
    },
  ];
}
