import { bodyOf, expect } from "../probe-helpers.js";
import type { ProbeCase } from "../probe-types.js";

/** Same rule in both versions: omitted tasting notes read back as null, not as an empty string. */
export function withoutText(version: "v1" | "v2"): ProbeCase {
  return {
    title: "a review without text has text: null",
    async send(ctx) {
      const winery = await ctx.make.winery(ctx.freshLocation());
      const path = `/${version}/wineries/${winery.id}/reviews`;
      const created = await ctx.api.send({
        method: "POST",
        path,
        token: ctx.tokens.user,
        json: { rating: 3 },
      });
      return {
        exchanges: [created],
        async verify() {
          const text = bodyOf<{ text: unknown }>(created).text;
          expect(text === null, `text is ${JSON.stringify(text)} in the 201 body`);
          const listed = await ctx.api.send({ method: "GET", path });
          const items = bodyOf<unknown>(listed);
          const first = (Array.isArray(items) ? items : (items as { items: unknown[] }).items)[0] as {
            text: unknown;
          };
          expect(first.text === null, `text is ${JSON.stringify(first.text)} when listed`);
        },
      };
    },
  };
}
