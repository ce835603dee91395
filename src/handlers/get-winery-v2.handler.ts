import { toWineryV2 } from "../app/presenters.js";
import { getDatabase } from "../db/database-instance.js";
import { findWineryById } from "../db/winery.repository.js";
import { getWineryV2 } from "../generated/operations/getWineryV2.gen.js";
import { notFound } from "../runtime/problem.js";

export const handler = getWineryV2(async ({ path }) => {
  const winery = await findWineryById(await getDatabase(), path.wineryId);
  if (!winery) throw notFound(`Winery ${path.wineryId} does not exist.`);
  return { status: 200, body: toWineryV2(winery) };
});
