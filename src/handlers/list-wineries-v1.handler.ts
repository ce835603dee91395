import { toWineryNearV1 } from "../app/presenters.js";
import { getDatabase } from "../db/database-instance.js";
import { findWineriesNear } from "../db/winery.repository.js";
import { listWineriesV1 } from "../generated/operations/listWineriesV1.gen.js";

export const handler = listWineriesV1(async ({ query }) => {
  const wineries = await findWineriesNear(await getDatabase(), {
    lat: query.lat,
    lng: query.lng,
    radiusMeters: query.radiusKm * 1000,
    limit: query.limit,
  });
  return { status: 200, body: wineries.map(toWineryNearV1) };
});
