import { notFound } from "@cellar/runtime";
import { getDatabase } from "../db/database-instance.js";
import { deleteWineryById } from "../db/winery.repository.js";
import { deleteWineryV2 } from "../generated/operations/deleteWineryV2.gen.js";

/**
 * Deletes the winery with its reviews and favorites (cascaded by the database). Unlike a review
 * deletion this publishes no rating event: the roll-up lives on the winery row, so there is nothing
 * left to maintain, and an event still in flight for it finds no winery and is a no-op.
 */
export const handler = deleteWineryV2(async ({ path }) => {
  if (!(await deleteWineryById(await getDatabase(), path.wineryId))) {
    throw notFound(`Winery ${path.wineryId} does not exist.`);
  }
  return { status: 204, body: undefined };
});
