import { pingBody } from "../app/ping.js";
import { pingV2 } from "../generated/operations/pingV2.gen.js";

export const handler = pingV2(async () => ({ status: 200, body: pingBody("v2") }));
