/**
 * createWineryV1 behind its generated wrapper, alone in its module: a Lambda bundle holds one
 * operation, so the size and cold-start benches must not carry the other benchmarked operations.
 */
import { createWineryV1 } from "../../src/generated/operations/createWineryV1.gen.js";
import { WINERY_ID, wineryFrom } from "./winery-fixture.js";

export const createWinery = createWineryV1(async ({ body }) => ({
  status: 201,
  body: wineryFrom(body),
  headers: { Location: `/v1/wineries/${WINERY_ID}` },
}));
