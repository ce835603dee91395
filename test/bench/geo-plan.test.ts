import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { insertBenchWineries, searchCenters } from "../../bench/geo-data.js";
import type { Db } from "../../src/db/database.js";
import { nearbyWineriesQuery } from "../../src/db/winery.repository.js";
import { backends, useDatabase } from "../support/databases.js";

/**
 * test/db/geo-index.test.ts checks the plan on 5k wineries spread evenly over the globe. This checks
 * it on the geo bench's own table, clustered around wine regions, at the sizes the bench reports:
 * the GiST index still wins where a 25 km circle holds hundreds (10k) or thousands (100k) of rows.
 * Postgres only: the bench runs there, and 100k rows would make PGlite slow for no extra insight.
 */
const postgres = backends.find((backend) => backend.name === "postgres")!;

describe("the geo bench's query plan on Postgres", () => {
  const db = useDatabase(postgres);

  const planOf = async (on: Db, center: { lat: number; lng: number }) => {
    const rows = await nearbyWineriesQuery(on, { ...center, radiusMeters: 25_000, limit: 20 }).explain();
    return rows.map((row) => String(row["QUERY PLAN"])).join("\n");
  };

  // In order: the second grows the table the first filled, as the bench does.
  it.each([
    { rows: 10_000, from: 0 },
    { rows: 100_000, from: 10_000 },
  ])("prefilters through wineries_location_idx at $rows rows", async ({ rows, from }) => {
    await insertBenchWineries(db(), from, rows);
    for (const center of searchCenters(3)) {
      const plan = await planOf(db(), center);
      expect(plan).toContain("wineries_location_idx");
      expect(plan).not.toMatch(/Seq Scan on wineries/);
    }
  });

  it("gets the full scan the bench uses as its baseline when index scans are off", async () => {
    // `set local` inside a transaction: the settings must reach the connection that runs the EXPLAIN.
    const plan = await db()
      .transaction()
      .execute(async (trx) => {
        await sql`set local enable_indexscan = off`.execute(trx);
        await sql`set local enable_bitmapscan = off`.execute(trx);
        return planOf(trx, searchCenters(1)[0]!);
      });
    expect(plan).toMatch(/Seq Scan on wineries/);
  });
});
