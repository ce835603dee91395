import type { Winery } from "../../setup/fixture-factory.js";
import { invalidUuid, unauthorized, unknownWinery } from "../common-cases.js";
import { bodyOf, expect, sleep, unknownId } from "../probe-helpers.js";
import type { ProbeContext, ProbeTable } from "../probe-types.js";

const listFavorites = (ctx: ProbeContext, token = ctx.tokens.user) =>
  ctx.api.send({ method: "GET", path: "/v1/me/favorites", token });

const favoritePath = (id: string) => `/v1/me/favorites/${id}`;

export const favoritesV1Probes: ProbeTable = {
  listFavoritesV1: {
    200: [
      {
        title: "the caller's favorites, most recently favorited first",
        async send(ctx) {
          const first = await ctx.make.winery(ctx.freshLocation());
          const second = await ctx.make.winery(ctx.freshLocation());
          await ctx.make.favorite(first.id, ctx.tokens.otherUser);
          await sleep(5);
          await ctx.make.favorite(second.id, ctx.tokens.otherUser);
          const mine = await listFavorites(ctx, ctx.tokens.otherUser);
          const someoneElses = await listFavorites(ctx, ctx.tokens.admin);
          return {
            exchanges: [mine, someoneElses],
            verify() {
              const ids = bodyOf<Winery[]>(mine).map((winery) => winery.id);
              const [a, b] = [ids.indexOf(second.id), ids.indexOf(first.id)];
              expect(a !== -1 && b !== -1 && a < b, `expected ${second.id} before ${first.id} in ${ids}`);
              const adminIds = bodyOf<Winery[]>(someoneElses).map((winery) => winery.id);
              expect(!adminIds.includes(first.id), "another caller's favorites leak into the list");
            },
          };
        },
      },
    ],
    401: unauthorized((ctx) => ({ method: "GET", path: "/v1/me/favorites", token: ctx.tokens.user })),
  },

  putFavoriteV1: {
    204: [
      {
        title: "favorites the winery, idempotently",
        async send(ctx) {
          const winery = await ctx.make.winery(ctx.freshLocation());
          const request = { method: "PUT", path: favoritePath(winery.id), token: ctx.tokens.user };
          const exchanges = [await ctx.api.send(request), await ctx.api.send(request)];
          return {
            exchanges,
            async verify() {
              const ids = bodyOf<Winery[]>(await listFavorites(ctx)).map((w) => w.id);
              expect(
                ids.filter((id) => id === winery.id).length === 1,
                "the winery should be listed exactly once",
              );
            },
          };
        },
      },
    ],
    400: [invalidUuid((ctx, id) => ({ method: "PUT", path: favoritePath(id), token: ctx.tokens.user }))],
    401: unauthorized(async (ctx) => ({
      method: "PUT",
      path: favoritePath((await ctx.sharedWinery()).id),
      token: ctx.tokens.user,
    })),
    404: unknownWinery((ctx, id) => ({ method: "PUT", path: favoritePath(id), token: ctx.tokens.user })),
  },

  deleteFavoriteV1: {
    204: [
      {
        title: "removes a favorite",
        async send(ctx) {
          const winery = await ctx.make.winery(ctx.freshLocation());
          await ctx.make.favorite(winery.id, ctx.tokens.user);
          const removed = await ctx.api.send({
            method: "DELETE",
            path: favoritePath(winery.id),
            token: ctx.tokens.user,
          });
          return {
            exchanges: [removed],
            async verify() {
              const ids = bodyOf<Winery[]>(await listFavorites(ctx)).map((w) => w.id);
              expect(!ids.includes(winery.id), "the winery is still a favorite");
            },
          };
        },
      },
      {
        title: "answers 204 for a winery that is not a favorite or does not exist",
        send: async (ctx) =>
          ctx.api.send({ method: "DELETE", path: favoritePath(unknownId()), token: ctx.tokens.user }),
      },
    ],
    400: [invalidUuid((ctx, id) => ({ method: "DELETE", path: favoritePath(id), token: ctx.tokens.user }))],
    401: unauthorized((ctx) => ({
      method: "DELETE",
      path: favoritePath(unknownId()),
      token: ctx.tokens.user,
    })),
  },
};
