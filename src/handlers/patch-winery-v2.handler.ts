import { notFound } from "@cellar/runtime";
import { toWineryV2 } from "../app/presenters.js";
import { getDatabase } from "../db/database-instance.js";
import { updateWinery } from "../db/winery.repository.js";
import { patchWineryV2 } from "../generated/operations/patchWineryV2.gen.js";

/** JSON merge patch (RFC 7396): absent members stay, `website: null` removes the website. */
export const handler = patchWineryV2(async ({ path, body }) => {
  const { location, ...rest } = body;
  const winery = await updateWinery(await getDatabase(), path.wineryId, {
    ...rest,
    ...(location ? { lat: location.lat, lng: location.lng } : {}),
  });
  if (!winery) throw notFound(`Winery ${path.wineryId} does not exist.`);
  return { status: 200, body: toWineryV2(winery) };
});
