import { conditionalRead, notFound } from "@cellar/runtime";
import { toWineryV1 } from "../app/presenters.js";
import { WINERY_CACHE_CONTROL } from "../app/winery-cache-control.js";
import { getDatabase } from "../db/database-instance.js";
import { findWineryById } from "../db/winery.repository.js";
import { getWineryV1 } from "../generated/operations/getWineryV1.gen.js";

export const handler = getWineryV1(async ({ path, headers }) => {
  const winery = await findWineryById(await getDatabase(), path.wineryId);
  if (!winery) throw notFound(`Winery ${path.wineryId} does not exist.`);
  return conditionalRead(headers["If-None-Match"], toWineryV1(winery), WINERY_CACHE_CONTROL);
});
