import { sql } from "kysely";
import type { Db } from "../src/db/database.js";

/** Wine regions the synthetic wineries cluster around, as real ones do. */
export const WINE_REGIONS = [
  { name: "Napa Valley", lat: 38.5, lng: -122.4 },
  { name: "Sonoma", lat: 38.29, lng: -122.75 },
  { name: "Willamette Valley", lat: 45.07, lng: -123.1 },
  { name: "Finger Lakes", lat: 42.6, lng: -76.9 },
  { name: "Okanagan", lat: 49.9, lng: -119.5 },
  { name: "Mendoza", lat: -32.89, lng: -68.84 },
  { name: "Maipo", lat: -33.64, lng: -70.78 },
  { name: "Bordeaux", lat: 44.84, lng: -0.58 },
  { name: "Burgundy", lat: 47.05, lng: 4.38 },
  { name: "Champagne", lat: 49.04, lng: 3.96 },
  { name: "Rioja", lat: 42.46, lng: -2.45 },
  { name: "Douro", lat: 41.16, lng: -7.79 },
  { name: "Tuscany", lat: 43.46, lng: 11.25 },
  { name: "Piedmont", lat: 44.7, lng: 8.03 },
  { name: "Mosel", lat: 49.92, lng: 6.99 },
  { name: "Tokaj", lat: 48.12, lng: 21.41 },
  { name: "Stellenbosch", lat: -33.93, lng: 18.86 },
  { name: "Barossa Valley", lat: -34.53, lng: 138.95 },
  { name: "Yarra Valley", lat: -37.7, lng: 145.5 },
  { name: "Marlborough", lat: -41.51, lng: 173.95 },
] as const;

/**
 * Inserts wineries number `from` to `to - 1`: nine in ten spread over a ~55 x 50 km box around one
 * of WINE_REGIONS, one in ten anywhere on Earth. Positions come from a hash of the row number rather
 * than random(), so every run (and the EXPLAIN test) sees the same table.
 */
export async function insertBenchWineries(db: Db, from: number, to: number): Promise<void> {
  const regions = sql.join(
    WINE_REGIONS.map(
      (region, index) =>
        sql`(${index}::int, ${region.name}::text, ${region.lat}::float8, ${region.lng}::float8)`,
    ),
  );
  await sql`
    insert into wineries (name, lat, lng, region)
    select 'Bench winery ' || n,
      case when n % 10 = 0 then -80 + 160 * u1 else r.lat + (u1 - 0.5) * 1.0 end,
      case when n % 10 = 0 then -180 + 360 * u2 else r.lng + (u2 - 0.5) * 1.2 end,
      case when n % 10 = 0 then 'Elsewhere' else r.name end
    from generate_series(${from}::int, ${to - 1}::int) as n
    cross join lateral (select sin(n * 12.9898) * 43758.5453 as h1, sin(n * 78.233) * 43758.5453 as h2) as raw
    cross join lateral (select h1 - floor(h1) as u1, h2 - floor(h2) as u2) as hashed
    join (values ${regions}) as r(index, name, lat, lng) on r.index = n % ${WINE_REGIONS.length}::int
  `.execute(db);
  await sql`analyze wineries`.execute(db);
}

/** Search centers: every region, nudged a little so that repeated queries are not all identical. */
export function searchCenters(count: number): Array<{ lat: number; lng: number }> {
  return Array.from({ length: count }, (_, index) => {
    const region = WINE_REGIONS[index % WINE_REGIONS.length]!;
    const nudge = ((index * 7) % 11) / 100 - 0.05;
    return { lat: region.lat + nudge, lng: region.lng - nudge };
  });
}
