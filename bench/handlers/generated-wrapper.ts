/**
 * The benchmarked operations behind Cellar's generated wrappers, with an in-memory implementation:
 * the wrapper's own cost (CORS, recursion guard, authorization, body parsing, coercion, one ajv pass,
 * response check, problem+json errors) is what the benches compare with bare Middy.
 */
import { createWineryV1 } from "../../src/generated/operations/createWineryV1.gen.js";
import { listWineriesV1 } from "../../src/generated/operations/listWineriesV1.gen.js";
import { nearbyPage, WINERY_ID, wineryFrom } from "./winery-fixture.js";

export const createWinery = createWineryV1(async ({ body }) => ({
  status: 201,
  body: wineryFrom(body),
  headers: { Location: `/v1/wineries/${WINERY_ID}` },
}));

export const listWineries = listWineriesV1(async ({ query }) => ({
  status: 200,
  body: nearbyPage(query.limit),
}));
