import { conditionalRead, notFound } from "@cellar/runtime";
import { toWineryV2 } from "../app/presenters.js";
import { WINERY_CACHE_CONTROL } from "../app/winery-cache-control.js";
import { getDatabase } from "../db/database-instance.js";
import { findWineryById } from "../db/winery.repository.js";
import { getWineryV2 } from "../generated/operations/getWineryV2.gen.js";

export const handler = getWineryV2(async ({ path, headers }) => {
  const winery = await findWineryById(await getDatabase(), path.wineryId);
  if (!winery) throw notFound(`Winery ${path.wineryId} does not exist.`);
  return conditionalRead(headers["If-None-Match"], toWineryV2(winery), WINERY_CACHE_CONTROL);
});
