import { runWithIdempotencyKey } from "../app/idempotency.js";
import { toWineryV2 } from "../app/presenters.js";
import { getDatabase } from "../db/database-instance.js";
import { insertWinery } from "../db/winery.repository.js";
import { createWineryV2 } from "../generated/operations/createWineryV2.gen.js";

export const handler = createWineryV2(async ({ body, headers, caller: { sub } }) => {
  const create = async (db: Parameters<typeof insertWinery>[0]) => {
    const { location, ...rest } = body;
    const winery = await insertWinery(db, { ...rest, lat: location.lat, lng: location.lng });
    return {
      status: 201 as const,
      body: toWineryV2(winery),
      headers: { Location: `/v2/wineries/${winery.id}` },
    };
  };
  const key = headers["Idempotency-Key"];
  const db = await getDatabase();
  if (key === undefined) return create(db);
  return runWithIdempotencyKey(db, { scope: `${sub}:createWineryV2`, key, request: body }, create);
});
