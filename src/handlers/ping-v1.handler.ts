import { pingBody } from "../app/ping.js";
import { pingV1 } from "../generated/operations/pingV1.gen.js";

export const handler = pingV1(async () => ({ status: 200, body: pingBody("v1") }));
