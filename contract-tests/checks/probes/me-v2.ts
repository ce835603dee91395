import { unauthorized } from "../common-cases.js";
import { bodyOf, expect } from "../probe-helpers.js";
import type { ProbeContext, ProbeTable } from "../probe-types.js";

interface MeV2 {
  id: string;
  email: string | null;
  groups: string[];
  favoritesCount: number;
  reviewsCount: number;
}

const me = (ctx: ProbeContext, token: string) => ctx.api.send({ method: "GET", path: "/v2/me", token });

export const meV2Probes: ProbeTable = {
  getMeV2: {
    200: [
      {
        title: "who the caller is, with counts that follow their favorites and reviews",
        async send(ctx) {
          const before = await me(ctx, ctx.tokens.otherUser);
          const winery = await ctx.make.winery(ctx.freshLocation());
          await ctx.make.favorite(winery.id, ctx.tokens.otherUser);
          await ctx.make.review(winery.id, ctx.tokens.otherUser, 4);
          const after = await me(ctx, ctx.tokens.otherUser);
          const admin = await me(ctx, ctx.tokens.admin);
          return {
            exchanges: [before, after, admin],
            verify() {
              const [was, is] = [bodyOf<MeV2>(before), bodyOf<MeV2>(after)];
              const claims = ctx.claims.otherUser;
              expect(is.id === claims.sub, `id is ${is.id}, the token's sub is ${claims.sub}`);
              expect(
                is.email === (claims.email ?? null),
                `email is ${is.email}, the token says ${claims.email}`,
              );
              expect(
                is.favoritesCount === was.favoritesCount + 1,
                "favoritesCount did not count the new favorite",
              );
              expect(is.reviewsCount === was.reviewsCount + 1, "reviewsCount did not count the new review");
              const groups = bodyOf<MeV2>(admin).groups;
              expect(groups.includes("admin"), `the admin's groups are ${JSON.stringify(groups)}`);
            },
          };
        },
      },
    ],
    401: unauthorized((ctx) => ({ method: "GET", path: "/v2/me", token: ctx.tokens.user })),
  },
};
