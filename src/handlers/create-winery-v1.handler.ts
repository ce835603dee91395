import { toWineryV1 } from "../app/presenters.js";
import { getDatabase } from "../db/database-instance.js";
import { insertWinery } from "../db/winery.repository.js";
import { createWineryV1 } from "../generated/operations/createWineryV1.gen.js";

export const handler = createWineryV1(async ({ body }) => {
  const winery = await insertWinery(await getDatabase(), body);
  return { status: 201, body: toWineryV1(winery), headers: { Location: `/v1/wineries/${winery.id}` } };
});
