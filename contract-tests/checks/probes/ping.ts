import { bodyOf, expect } from "../probe-helpers.js";
import type { ProbeCase, ProbeTable } from "../probe-types.js";

function ping(version: "v1" | "v2"): ProbeCase {
  return {
    title: `answers as ${version}`,
    async send(ctx) {
      const exchange = await ctx.api.send({ method: "GET", path: `/${version}/ping` });
      return {
        exchanges: [exchange],
        verify() {
          const body = bodyOf<{ version: string }>(exchange);
          expect(body.version === version, `version is ${body.version}, expected ${version}`);
        },
      };
    },
  };
}

export const pingProbes: ProbeTable = {
  pingV1: { 200: [ping("v1")] },
  pingV2: { 200: [ping("v2")] },
};
