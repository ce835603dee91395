import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { nearbyWineriesQuery } from "../../src/db/winery.repository.js";
import { backends, useDatabase } from "../support/databases.js";

const ROWS = 5_000;

describe.each(backends)("geo search plan on $name", (backend) => {
  const db = useDatabase(backend);

  beforeAll(async () => {
    // Spread over the whole globe, so a 25 km circle holds a handful of rows and a scan would be waste.
    await sql`
      insert into wineries (name, lat, lng, region)
      select 'Plan winery ' || n, -80 + random() * 160, -180 + random() * 360, 'Anywhere'
      from generate_series(1, ${ROWS}::int) as n
    `.execute(db());
    await sql`analyze wineries`.execute(db());
  });

  const planOf = async (lat: number, lng: number) => {
    const rows = await nearbyWineriesQuery(db(), { lat, lng, radiusMeters: 25_000, limit: 20 }).explain();
    return rows.map((row) => String(row["QUERY PLAN"])).join("\n");
  };

  it("prefilters through the GiST index on point(lng, lat)", async () => {
    const plan = await planOf(38.5, -122.4);
    expect(plan).toContain("wineries_location_idx");
    expect(plan).not.toMatch(/Seq Scan on wineries/);
  });

  it("still uses the index when the box is split at the antimeridian", async () => {
    const plan = await planOf(-16.5, 179.95);
    expect(plan).toContain("wineries_location_idx");
    expect(plan).not.toMatch(/Seq Scan on wineries/);
  });
});
