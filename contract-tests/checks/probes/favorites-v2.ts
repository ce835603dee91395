import type { Winery } from "../../setup/fixture-factory.js";
import { invalidUuid, unauthorized, unknownWinery } from "../common-cases.js";
import { itemsOf, type Page, walkPages } from "../pagination.js";
import { bodyOf, duplicates, expect, isSorted, query, sleep, unknownId } from "../probe-helpers.js";
import type { ProbeContext, ProbeTable } from "../probe-types.js";

interface FavoriteV2 {
  winery: { id: string };
  favoritedAt: string;
}

const favoritePath = (id: string) => `/v2/me/favorites/${id}`;

/** Every favorite of the caller, walking all pages. */
async function allFavorites(ctx: ProbeContext, token: string): Promise<FavoriteV2[]> {
  const options = { token, limitFor: () => 100 };
  return itemsOf<FavoriteV2>(await walkPages(ctx, "/v2/me/favorites", options), options);
}

/** Gives the user `count` new favorites, a few milliseconds apart so their order is defined. */
async function newFavorites(ctx: ProbeContext, count: number): Promise<Winery[]> {
  const wineries: Winery[] = [];
  for (let i = 0; i < count; i++) {
    const winery = await ctx.make.winery(ctx.freshLocation());
    await ctx.make.favorite(winery.id, ctx.tokens.user);
    wineries.push(winery);
    await sleep(5);
  }
  return wineries;
}

export const favoritesV2Probes: ProbeTable = {
  listFavoritesV2: {
    200: [
      {
        title: "walks all pages, most recently favorited first, without duplicates",
        async send(ctx) {
          const wineries = await newFavorites(ctx, 3);
          const options = { token: ctx.tokens.user, limitFor: () => 2 };
          const pages = await walkPages(ctx, "/v2/me/favorites", options);
          return {
            exchanges: pages,
            verify() {
              const items = itemsOf<FavoriteV2>(pages, options);
              const ids = items.map((item) => item.winery.id);
              expect(duplicates(ids).length === 0, `favorites repeated across pages: ${duplicates(ids)}`);
              const ours = ids.filter((id) => wineries.some((winery) => winery.id === id));
              const expected = wineries.map((winery) => winery.id).reverse();
              expect(ours.join() === expected.join(), `expected ${expected} in this order, got ${ours}`);
              expect(
                isSorted(
                  items.map((item) => item.favoritedAt),
                  true,
                ),
                "favoritedAt is not descending",
              );
            },
          };
        },
      },
    ],
    400: [
      {
        title: "limit is 0",
        errorPath: "/query/limit",
        send: (ctx) =>
          ctx.api.send({
            method: "GET",
            path: `/v2/me/favorites${query({ limit: 0 })}`,
            token: ctx.tokens.user,
          }),
      },
      {
        title: "cursor is not one the API issued",
        errorPath: "/query/cursor",
        send: (ctx) =>
          ctx.api.send({
            method: "GET",
            path: `/v2/me/favorites${query({ cursor: "bm9wZQ" })}`,
            token: ctx.tokens.user,
          }),
      },
      {
        title: "a cursor issued to another caller",
        errorPath: "/query/cursor",
        async send(ctx) {
          await newFavorites(ctx, 2);
          const first = await ctx.api.send({
            method: "GET",
            path: "/v2/me/favorites?limit=1",
            token: ctx.tokens.user,
          });
          const cursor = bodyOf<Page<unknown>>(first).nextCursor;
          expect(typeof cursor === "string", `the first page has no nextCursor: ${first.bodyText}`);
          return ctx.api.send({
            method: "GET",
            path: `/v2/me/favorites${query({ cursor: cursor as string })}`,
            token: ctx.tokens.otherUser,
          });
        },
      },
    ],
    401: unauthorized((ctx) => ({ method: "GET", path: "/v2/me/favorites", token: ctx.tokens.user })),
  },

  putFavoriteV2: {
    204: [
      {
        title: "favorites the winery; favoriting again keeps the original favoritedAt",
        async send(ctx) {
          const winery = await ctx.make.winery(ctx.freshLocation());
          const request = { method: "PUT", path: favoritePath(winery.id), token: ctx.tokens.user };
          const first = await ctx.api.send(request);
          const before = (await allFavorites(ctx, ctx.tokens.user)).find((f) => f.winery.id === winery.id);
          await sleep(10);
          const again = await ctx.api.send(request);
          return {
            exchanges: [first, again],
            async verify() {
              expect(before !== undefined, "the winery is not among the favorites after PUT");
              const after = (await allFavorites(ctx, ctx.tokens.user)).filter(
                (f) => f.winery.id === winery.id,
              );
              expect(after.length === 1, `the winery is listed ${after.length} times`);
              expect(after[0]!.favoritedAt === before!.favoritedAt, "a second PUT changed favoritedAt");
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

  deleteFavoriteV2: {
    204: [
      {
        title: "removes a favorite",
        async send(ctx) {
          const [winery] = await newFavorites(ctx, 1);
          const removed = await ctx.api.send({
            method: "DELETE",
            path: favoritePath(winery!.id),
            token: ctx.tokens.user,
          });
          return {
            exchanges: [removed],
            async verify() {
              const ids = (await allFavorites(ctx, ctx.tokens.user)).map((f) => f.winery.id);
              expect(!ids.includes(winery!.id), "the winery is still a favorite");
            },
          };
        },
      },
      {
        title: "answers 204 for a winery that is not a favorite or does not exist",
        send: (ctx) =>
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
