import { decodeCursor, isFiniteNumber, isUuidString } from "../app/cursor.js";
import { parseNear } from "../app/near.js";
import { toPage } from "../app/page.js";
import { toWineryNearV2 } from "../app/presenters.js";
import { getDatabase } from "../db/database-instance.js";
import { findWineriesNear } from "../db/winery.repository.js";
import { listWineriesV2 } from "../generated/operations/listWineriesV2.gen.js";

export const handler = listWineriesV2(async ({ query }) => {
  const { lat, lng } = parseNear(query.near);
  const fingerprint = `wineries:${lat},${lng},${query.radius}`;
  const after = decodeCursor(
    query.cursor,
    fingerprint,
    (key): key is { distanceMeters: number; id: string } =>
      isFiniteNumber(key.distanceMeters) && key.distanceMeters >= 0 && isUuidString(key.id),
  );
  const rows = await findWineriesNear(await getDatabase(), {
    lat,
    lng,
    radiusMeters: query.radius,
    limit: query.limit + 1,
    after,
  });
  const body = toPage(
    rows,
    query.limit,
    toWineryNearV2,
    (row) => ({ distanceMeters: row.distanceMeters, id: row.id }),
    fingerprint,
  );
  return { status: 200, body };
});
