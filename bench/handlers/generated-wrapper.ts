/**
 * The benchmarked operations behind Cellar's generated wrappers, with an in-memory implementation:
 * the wrapper's own cost (CORS, recursion guard, authorization, body parsing, coercion, one ajv pass,
 * response check, problem+json errors) is what the benches compare with bare Middy.
 */
import { listWineriesV1 } from "../../src/generated/operations/listWineriesV1.gen.js";
import { nearbyPage } from "./winery-fixture.js";

export { createWinery } from "./create-winery-wrapper.js";

export const listWineries = listWineriesV1(async ({ query }) => ({
  status: 200,
  body: nearbyPage(query.limit),
}));
