import { type SqlBool, sql } from "kysely";
import { normalizeDegrees } from "./coordinates.js";
import type { Db } from "./database.js";
import { boundingBoxes, EARTH_RADIUS_METERS } from "./geo-bounds.js";
import { assertPageLimit } from "./page-limit.js";
import { nextUpdatedAt } from "./updated-at.js";
import { isUuid } from "./uuid.js";
import { toWinery, type Winery } from "./winery.model.js";

export interface NearbyQuery {
  lat: number;
  lng: number;
  radiusMeters: number;
  limit: number;
  /** Keyset cursor: the last row of the previous page. */
  after?: { distanceMeters: number; id: string };
}

export type NearbyWinery = Winery & { distanceMeters: number };

export interface NewWinery {
  name: string;
  lat: number;
  lng: number;
  region: string;
  website?: string | null;
}

export interface WineryPatch {
  name?: string;
  lat?: number;
  lng?: number;
  region?: string;
  website?: string | null;
}

export async function findWineryById(db: Db, id: string): Promise<Winery | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await db.selectFrom("wineries").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toWinery(row);
}

export async function findWineriesNear(db: Db, query: NearbyQuery): Promise<NearbyWinery[]> {
  const rows = await nearbyWineriesQuery(db, query).execute();
  return rows.map(({ distance_meters, ...row }) => ({ ...toWinery(row), distanceMeters: distance_meters }));
}

/**
 * The statement behind findWineriesNear, exposed so tests can EXPLAIN it. The bounding boxes let
 * the GiST index on point(lng, lat) discard almost every row; the haversine distance then filters
 * the corners out and orders the page. Ordering by (distance, id) makes the keyset cursor total.
 */
export function nearbyWineriesQuery(db: Db, query: NearbyQuery) {
  assertNearbyQuery(query);
  const { radiusMeters, limit, after } = query;
  const lat = normalizeDegrees(query.lat);
  const lng = normalizeDegrees(query.lng);
  const insideBoxes = boundingBoxes(lat, lng, radiusMeters).map(
    (box) =>
      sql<SqlBool>`point(lng, lat) <@ box(point(${box.minLng}::float8, ${box.minLat}::float8), point(${box.maxLng}::float8, ${box.maxLat}::float8))`,
  );
  const distance = sql<number>`2 * ${EARTH_RADIUS_METERS}::float8 * asin(least(1, sqrt(
    power(sin(radians(lat - ${lat}::float8) / 2), 2)
    + cos(radians(${lat}::float8)) * cos(radians(lat)) * power(sin(radians(lng - ${lng}::float8) / 2), 2)
  )))`;

  const candidates = db
    .selectFrom("wineries")
    .selectAll()
    .select(distance.as("distance_meters"))
    .where((eb) => eb.or(insideBoxes));

  return db
    .selectFrom(candidates.as("candidates"))
    .selectAll()
    .where("distance_meters", "<=", radiusMeters)
    .$if(after !== undefined, (qb) =>
      qb.where(sql<SqlBool>`(distance_meters, id) > (${after?.distanceMeters}::float8, ${after?.id}::uuid)`),
    )
    .orderBy("distance_meters")
    .orderBy("id")
    .limit(limit);
}

export async function insertWinery(db: Db, winery: NewWinery): Promise<Winery> {
  const row = await db
    .insertInto("wineries")
    .values({
      name: winery.name,
      lat: normalizeDegrees(winery.lat),
      lng: normalizeDegrees(winery.lng),
      region: winery.region,
      website: winery.website ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toWinery(row);
}

export async function updateWinery(db: Db, id: string, patch: WineryPatch): Promise<Winery | undefined> {
  if (!isUuid(id)) return undefined;
  // Pick the known fields one by one: the patch may be a request body carrying extra keys.
  const { name, region, website } = patch;
  const lat = patch.lat === undefined ? undefined : normalizeDegrees(patch.lat);
  const lng = patch.lng === undefined ? undefined : normalizeDegrees(patch.lng);
  const changes = Object.fromEntries(
    Object.entries({ name, lat, lng, region, website }).filter(([, value]) => value !== undefined),
  );
  if (Object.keys(changes).length === 0) return findWineryById(db, id);
  const row = await db
    .updateTable("wineries")
    .set({
      ...changes,
      // Strictly later than before, even for two updates in the same millisecond, so it can back an ETag.
      updated_at: nextUpdatedAt(),
    })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
  return row && toWinery(row);
}

/**
 * Deletes a winery; returns whether it existed. Its reviews and favorites go with it through the
 * foreign keys' ON DELETE CASCADE (import rows that created it are set null), so the one statement
 * is atomic without a transaction of its own.
 */
export async function deleteWineryById(db: Db, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const result = await db.deleteFrom("wineries").where("id", "=", id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function countWineries(db: Db): Promise<number> {
  const { count } = await db
    .selectFrom("wineries")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(count);
}

function assertNearbyQuery({ lat, lng, radiusMeters, limit, after }: NearbyQuery): void {
  if (!(lat >= -90 && lat <= 90)) throw new RangeError(`lat must be within [-90, 90], got ${lat}`);
  if (!(lng >= -180 && lng <= 180)) throw new RangeError(`lng must be within [-180, 180], got ${lng}`);
  if (!(radiusMeters >= 0 && Number.isFinite(radiusMeters))) {
    throw new RangeError(`radiusMeters must be a finite non-negative number, got ${radiusMeters}`);
  }
  assertPageLimit(limit);
  if (after && !(Number.isFinite(after.distanceMeters) && isUuid(after.id))) {
    throw new RangeError("after must hold a finite distanceMeters and a uuid id");
  }
}
