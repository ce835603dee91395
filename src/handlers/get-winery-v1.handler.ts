import { toWineryV1 } from "../app/presenters.js";
import { getDatabase } from "../db/database-instance.js";
import { findWineryById } from "../db/winery.repository.js";
import { getWineryV1 } from "../generated/operations/getWineryV1.gen.js";
import { notFound } from "../runtime/problem.js";

export const handler = getWineryV1(async ({ path }) => {
  const winery = await findWineryById(await getDatabase(), path.wineryId);
  if (!winery) throw notFound(`Winery ${path.wineryId} does not exist.`);
  return { status: 200, body: toWineryV1(winery) };
});
