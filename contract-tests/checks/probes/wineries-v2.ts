import { isDeepStrictEqual } from "node:util";
import type { ApiRequest } from "../../setup/http-client.js";
import { offsetKm } from "../../setup/run-id.js";
import {
  forbiddenWithoutAdmin,
  invalidBody,
  invalidUuid,
  malformedJson,
  notModified,
  payloadTooLarge,
  type RequestBuilder,
  unauthorized,
  unknownWinery,
  unsupportedMediaType,
} from "../common-cases.js";
import { itemsOf, type Page, walkPages } from "../pagination.js";
import { bodyOf, duplicates, expect, expectLocationLeadsTo, isSorted, query } from "../probe-helpers.js";
import type { ProbeCase, ProbeContext, ProbeTable } from "../probe-types.js";

interface WineryV2 {
  id: string;
  name: string;
  location: { lat: number; lng: number };
  region: string;
  website?: string;
  rating: { average: number; count: number };
  createdAt: string;
  updatedAt: string;
}

interface WineryNearV2 extends WineryV2 {
  distanceMeters: number;
}

const near = (point: { lat: number; lng: number }) => `${point.lat},${point.lng}`;

const createWinery: RequestBuilder = (ctx) => ({
  method: "POST",
  path: "/v2/wineries",
  token: ctx.tokens.admin,
  json: {
    name: `Contract ${ctx.runId} v2 probe`,
    location: ctx.freshLocation(),
    region: "Contract Test Region",
    website: "https://v2-probe.example",
  },
});

const patchWinery =
  (patch: Record<string, unknown>): RequestBuilder =>
  async (ctx) => ({
    method: "PATCH",
    path: `/v2/wineries/${(await ctx.sharedWinery()).id}`,
    token: ctx.tokens.admin,
    contentType: "application/merge-patch+json",
    json: patch,
  });

const deleteWinery = (ctx: ProbeContext, id: string): ApiRequest => ({
  method: "DELETE",
  path: `/v2/wineries/${id}`,
  token: ctx.tokens.admin,
});

/** Refused before anything is deleted, so the shared winery is safe to aim at. */
const deleteSharedWinery: RequestBuilder = async (ctx) => deleteWinery(ctx, (await ctx.sharedWinery()).id);

/** Creates `count` wineries 200 m apart going away from a fresh point; returns the point and ids. */
async function lineOfWineries(ctx: ProbeContext, count: number) {
  const center = ctx.freshLocation();
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) ids.push((await ctx.make.winery(offsetKm(center, 0.2 * i))).id);
  return { center, ids };
}

function paginationCase(
  title: string,
  limitFor: (page: number) => number,
  insertMidWalk: boolean,
): ProbeCase {
  return {
    title,
    async send(ctx) {
      const { center, ids } = await lineOfWineries(ctx, 7);
      const options = {
        limitFor,
        // A winery nearer than every other one appears mid-walk: keyset pages must not shift.
        beforePage: insertMidWalk
          ? async (page: number) => {
              if (page === 1) await ctx.make.winery(offsetKm(center, 0.05));
            }
          : undefined,
      };
      const pages = await walkPages(
        ctx,
        `/v2/wineries${query({ near: near(center), radius: 5000 })}`,
        options,
      );
      return {
        exchanges: pages,
        verify() {
          const items = itemsOf<WineryNearV2>(pages, options);
          const seen = items.map((item) => item.id);
          expect(duplicates(seen).length === 0, `items repeated across pages: ${duplicates(seen)}`);
          const missing = ids.filter((id) => !seen.includes(id));
          expect(missing.length === 0, `items skipped by the pagination: ${missing}`);
          expect(
            isSorted(items.map((item) => item.distanceMeters)),
            "distanceMeters is not ascending across pages",
          );
          expect(pages.length >= 3, `7 wineries in pages of at most 3 need 3 pages, got ${pages.length}`);
        },
      };
    },
  };
}

const badList = (title: string, errorPath: string, params: Record<string, string | number>): ProbeCase => ({
  title,
  errorPath,
  send: (ctx) => ctx.api.send({ method: "GET", path: `/v2/wineries${query(params)}` }),
});

export const wineriesV2Probes: ProbeTable = {
  listWineriesV2: {
    200: [
      paginationCase("walks all pages without duplicates or gaps", () => 3, false),
      paginationCase("changing limit between pages is allowed", (page) => (page === 0 ? 2 : 3), false),
      paginationCase("a winery added mid-walk shifts nothing", () => 3, true),
    ],
    400: [
      badList("near is not lat,lng", "/query/near", { near: "napa" }),
      badList("near is missing", "/query/near", { radius: 1000 }),
      badList("near has a latitude over 90", "/query/near", { near: "95,10" }),
      badList("radius is 0", "/query/radius", { near: "38.5,-122.4", radius: 0 }),
      badList("radius is not an integer", "/query/radius", { near: "38.5,-122.4", radius: 1.5 }),
      badList("limit is over 100", "/query/limit", { near: "38.5,-122.4", limit: 101 }),
      badList("cursor is not one the API issued", "/query/cursor", {
        near: "38.5,-122.4",
        cursor: "bm90LWEtY3Vyc29y",
      }),
      {
        title: "cursor reused with another near",
        errorPath: "/query/cursor",
        async send(ctx) {
          const { center } = await lineOfWineries(ctx, 2);
          const first = await ctx.api.send({
            method: "GET",
            path: `/v2/wineries${query({ near: near(center), radius: 5000, limit: 1 })}`,
          });
          const cursor = bodyOf<Page<unknown>>(first).nextCursor;
          expect(typeof cursor === "string", `the first page has no nextCursor: ${first.bodyText}`);
          const elsewhere = near(offsetKm(center, 1));
          return ctx.api.send({
            method: "GET",
            path: `/v2/wineries${query({ near: elsewhere, radius: 5000, cursor })}`,
          });
        },
      },
    ],
  },

  createWineryV2: {
    201: [
      {
        title: "creates the winery; Location leads to it",
        async send(ctx) {
          const request = await createWinery(ctx);
          const created = await ctx.api.send(request);
          return {
            exchanges: [created],
            async verify() {
              const sent = request.json as WineryV2;
              const body = bodyOf<WineryV2>(created);
              expect(
                body.name === sent.name && body.region === sent.region,
                "name or region differ from the request",
              );
              expect(
                body.location.lat === sent.location.lat && body.location.lng === sent.location.lng,
                "location differs from the request",
              );
              expect(body.rating.average === 0 && body.rating.count === 0, "a new winery has no rating");
              await expectLocationLeadsTo(ctx, created, `/v2/wineries/${body.id}`, body.id);
            },
          };
        },
      },
      {
        title: "a retry with the same Idempotency-Key and body returns the same winery",
        async send(ctx) {
          const request = await createWinery(ctx);
          const keyed = { ...request, headers: { "Idempotency-Key": `contract-${ctx.runId}-replay` } };
          const first = await ctx.api.send(keyed);
          const replay = await ctx.api.send(keyed);
          return {
            exchanges: [first, replay],
            async verify() {
              expect(
                isDeepStrictEqual(replay.json, first.json),
                `the replay differs: ${first.bodyText} vs ${replay.bodyText}`,
              );
              const location = (request.json as WineryV2).location;
              const around = await ctx.api.send({
                method: "GET",
                path: `/v2/wineries${query({ near: near(location), radius: 100 })}`,
              });
              const sent = request.json as WineryV2;
              const count = bodyOf<Page<WineryV2>>(around).items.filter(
                (item) => item.name === sent.name,
              ).length;
              expect(count === 1, `the retry created a second winery (${count} at that spot)`);
            },
          };
        },
      },
      {
        title: "without an Idempotency-Key the same body creates two wineries",
        async send(ctx) {
          const request = await createWinery(ctx);
          const exchanges = [await ctx.api.send(request), await ctx.api.send(request)];
          return {
            exchanges,
            verify() {
              const [a, b] = exchanges.map((exchange) => bodyOf<WineryV2>(exchange).id);
              expect(a !== b, "both requests returned the same winery");
            },
          };
        },
      },
    ],
    400: [
      invalidBody(createWinery, "location has no lng", "/body/location/lng", (body) => ({
        ...body,
        location: { lat: 1 },
      })),
      invalidBody(createWinery, "location.lat is a string", "/body/location/lat", (body) => ({
        ...body,
        location: { lat: "1", lng: 2 },
      })),
      invalidBody(createWinery, "name is empty", "/body/name", (body) => ({ ...body, name: "" })),
      invalidBody(
        createWinery,
        "the v1 shape (lat, lng at the top)",
        "/body/location",
        ({ location: _l, ...rest }) => ({
          ...rest,
          lat: 1,
          lng: 2,
        }),
      ),
      {
        title: "Idempotency-Key has characters outside the allowed set",
        errorPath: "/headers/Idempotency-Key",
        send: async (ctx) =>
          ctx.api.send({ ...(await createWinery(ctx)), headers: { "Idempotency-Key": "not allowed!" } }),
      },
      malformedJson(createWinery),
    ],
    401: unauthorized(createWinery),
    403: forbiddenWithoutAdmin(createWinery),
    413: payloadTooLarge(createWinery),
    415: unsupportedMediaType(createWinery),
    422: [
      {
        title: "an Idempotency-Key reused with another body",
        async send(ctx) {
          const headers = { "Idempotency-Key": `contract-${ctx.runId}-mismatch` };
          const first = await ctx.api.send({ ...(await createWinery(ctx)), headers });
          expect(first.status === 201, `the first request answered ${first.status}`);
          return ctx.api.send({ ...(await createWinery(ctx)), headers });
        },
      },
    ],
  },

  getWineryV2: {
    200: [
      {
        title: "the winery as created, in the v2 shape",
        async send(ctx) {
          const shared = await ctx.sharedWinery();
          const exchange = await ctx.api.send({ method: "GET", path: `/v2/wineries/${shared.id}` });
          return {
            exchanges: [exchange],
            verify() {
              const body = bodyOf<WineryV2>(exchange);
              expect(
                body.id === shared.id && body.name === shared.name,
                "id or name differ from the created winery",
              );
              expect(
                body.location.lat === shared.lat && body.location.lng === shared.lng,
                "location differs from the created winery",
              );
            },
          };
        },
      },
    ],
    400: [invalidUuid((_ctx, id) => ({ method: "GET", path: `/v2/wineries/${id}` }))],
    304: notModified(async (ctx) => `/v2/wineries/${(await ctx.sharedWinery()).id}`),
    404: unknownWinery((_ctx, id) => ({ method: "GET", path: `/v2/wineries/${id}` })),
  },

  patchWineryV2: {
    200: [
      {
        title: "changes only the members sent; website: null removes it",
        async send(ctx) {
          const winery = await ctx.make.winery(ctx.freshLocation());
          const path = `/v2/wineries/${winery.id}`;
          const base = {
            method: "PATCH",
            path,
            token: ctx.tokens.admin,
            contentType: "application/merge-patch+json",
          };
          const renamed = await ctx.api.send({ ...base, json: { name: `${winery.name} renamed` } });
          const moved = await ctx.api.send({
            ...base,
            json: { location: { lat: -50, lng: 60 }, website: null },
          });
          return {
            exchanges: [renamed, moved],
            verify() {
              const afterRename = bodyOf<WineryV2>(renamed);
              expect(afterRename.name === `${winery.name} renamed`, "the name was not changed");
              expect(afterRename.region === winery.region, "region changed although it was not sent");
              expect(afterRename.website === winery.website, "website changed although it was not sent");
              expect(afterRename.updatedAt >= afterRename.createdAt, "updatedAt is before createdAt");
              const afterMove = bodyOf<WineryV2>(moved);
              expect(
                afterMove.location.lat === -50 && afterMove.location.lng === 60,
                "location was not replaced",
              );
              expect(!("website" in afterMove), "website: null should remove the website");
              expect(afterMove.name === afterRename.name, "name changed although it was not sent");
            },
          };
        },
      },
    ],
    400: [
      invalidBody(patchWinery({ name: "x" }), "an empty patch", "/body", () => ({})),
      invalidBody(patchWinery({ name: "x" }), "name is empty", "/body/name", () => ({ name: "" })),
      invalidBody(patchWinery({ name: "x" }), "location without lng", "/body/location/lng", () => ({
        location: { lat: 1 },
      })),
      invalidBody(patchWinery({ name: "x" }), "an undocumented member", "/body/owner", () => ({
        owner: "me",
      })),
      malformedJson(patchWinery({ name: "x" })),
      invalidUuid(async (ctx, id) => ({
        ...(await patchWinery({ name: "x" })(ctx)),
        path: `/v2/wineries/${id}`,
      })),
    ],
    401: unauthorized(patchWinery({ name: "Never applied" })),
    403: forbiddenWithoutAdmin(patchWinery({ name: "Never applied" })),
    404: unknownWinery(async (ctx, id) => ({
      ...(await patchWinery({ name: "x" })(ctx)),
      path: `/v2/wineries/${id}`,
    })),
    413: payloadTooLarge(patchWinery({ name: "x" })),
    415: unsupportedMediaType(patchWinery({ name: "x" }), "application/json"),
  },

  deleteWineryV2: {
    204: [
      {
        title: "deletes the winery with its reviews and favorites; a GET then answers 404",
        async send(ctx) {
          const winery = await ctx.make.winery(ctx.freshLocation(), "to delete");
          await ctx.make.review(winery.id, ctx.tokens.user);
          await ctx.make.favorite(winery.id, ctx.tokens.user);
          const deleted = await ctx.api.send(deleteWinery(ctx, winery.id));
          return {
            exchanges: [deleted],
            async verify() {
              const path = `/v2/wineries/${winery.id}`;
              const read = await ctx.api.send({ method: "GET", path });
              expect(read.status === 404, `GET ${path} after the delete answered ${read.status}`);
              const reviews = await ctx.api.send({ method: "GET", path: `${path}/reviews` });
              expect(reviews.status === 404, `GET ${path}/reviews answered ${reviews.status}`);
              const favorites = await ctx.api.send({
                method: "GET",
                path: "/v1/me/favorites",
                token: ctx.tokens.user,
              });
              expect(favorites.status === 200, `GET /v1/me/favorites answered ${favorites.status}`);
              expect(
                !bodyOf<Array<{ id: string }>>(favorites).some((favorite) => favorite.id === winery.id),
                "the deleted winery is still among the user's favorites",
              );
              const again = await ctx.api.send(deleteWinery(ctx, winery.id));
              expect(again.status === 404, `deleting it again answered ${again.status}`);
            },
          };
        },
      },
    ],
    400: [invalidUuid(deleteWinery)],
    401: unauthorized(deleteSharedWinery),
    403: forbiddenWithoutAdmin(deleteSharedWinery),
    404: unknownWinery(deleteWinery),
  },
};
