import type { Winery } from "../../setup/fixture-factory.js";
import type { Exchange } from "../../setup/http-client.js";
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
import { bodyOf, expect, expectLocationLeadsTo, isSorted, query } from "../probe-helpers.js";
import type { ProbeCase, ProbeTable } from "../probe-types.js";

interface WineryNearV1 extends Winery {
  distanceKm: number;
  averageRating: number;
  reviewCount: number;
}

const createWinery: RequestBuilder = (ctx) => ({
  method: "POST",
  path: "/v1/wineries",
  token: ctx.tokens.admin,
  json: {
    name: `Contract ${ctx.runId} v1 probe`,
    ...ctx.freshLocation(),
    region: "Contract Test Region",
    website: "https://v1-probe.example",
  },
});

const listAt = (lat: unknown, lng: unknown, extra: Record<string, string | number> = {}) =>
  `/v1/wineries${query({ lat: String(lat), lng: String(lng), ...extra })}`;

const badQuery = (title: string, errorPath: string, path: string): ProbeCase => ({
  title,
  errorPath,
  send: (ctx) => ctx.api.send({ method: "GET", path }),
});

export const wineriesV1Probes: ProbeTable = {
  listWineriesV1: {
    200: [
      {
        title: "the wineries around a point, nearest first, with distances",
        async send(ctx) {
          const center = ctx.freshLocation();
          const far = await ctx.make.winery(offsetKm(center, 1.5));
          const nearest = await ctx.make.winery(offsetKm(center, 0.5));
          const middle = await ctx.make.winery(offsetKm(center, 1));
          const within5 = await ctx.api.send({
            method: "GET",
            path: listAt(center.lat, center.lng, { radiusKm: 5 }),
          });
          const within1 = await ctx.api.send({
            method: "GET",
            path: listAt(center.lat, center.lng, { radiusKm: 1.2 }),
          });
          const one = await ctx.api.send({
            method: "GET",
            path: listAt(center.lat, center.lng, { radiusKm: 5, limit: 1 }),
          });
          return {
            exchanges: [within5, within1, one],
            verify() {
              // Only our wineries are asserted on: another run's data may share the area on a shared stage.
              const ours = (exchange: Exchange) =>
                bodyOf<WineryNearV1[]>(exchange)
                  .map((item) => item.id)
                  .filter((id) => [nearest.id, middle.id, far.id].includes(id))
                  .join();
              const items = bodyOf<WineryNearV1[]>(within5);
              expect(
                ours(within5) === [nearest.id, middle.id, far.id].join(),
                `expected ours nearest first: ${ours(within5)}`,
              );
              expect(isSorted(items.map((item) => item.distanceKm)), "distanceKm is not ascending");
              const distance = items.find((item) => item.id === nearest.id)!.distanceKm;
              expect(Math.abs(distance - 0.5) < 0.05, `distanceKm is ${distance} for a winery 0.5 km away`);
              expect(
                ours(within1) === [nearest.id, middle.id].join(),
                `radiusKm=1.2 must drop the 1.5 km one: ${ours(within1)}`,
              );
              const [only, ...more] = bodyOf<WineryNearV1[]>(one);
              expect(more.length === 0 && only !== undefined, "limit=1 should return exactly one winery");
              expect(only.distanceKm <= distance, `limit=1 returned ${only.id}, not the nearest`);
            },
          };
        },
      },
    ],
    400: [
      badQuery("lat is not a number", "/query/lat", listAt("north", -122.4)),
      badQuery("lat is missing", "/query/lat", `/v1/wineries${query({ lng: -122.4 })}`),
      badQuery("lat is above 90", "/query/lat", listAt(91, -122.4)),
      badQuery("lng is not a number", "/query/lng", listAt(38.5, "east")),
      badQuery("radiusKm is below 0.1", "/query/radiusKm", listAt(38.5, -122.4, { radiusKm: 0 })),
      badQuery("limit is 0", "/query/limit", listAt(38.5, -122.4, { limit: 0 })),
      badQuery("limit is not an integer", "/query/limit", listAt(38.5, -122.4, { limit: 1.5 })),
    ],
  },

  createWineryV1: {
    201: [
      {
        title: "creates the winery; Location leads to it",
        async send(ctx) {
          const request = await createWinery(ctx);
          const created = await ctx.api.send(request);
          return {
            exchanges: [created],
            async verify() {
              const sent = request.json as Winery;
              const body = bodyOf<WineryNearV1>(created);
              for (const key of ["name", "lat", "lng", "region", "website"] as const) {
                expect(body[key] === sent[key], `${key} is ${body[key]}, sent ${sent[key]}`);
              }
              expect(body.averageRating === 0 && body.reviewCount === 0, "a new winery has no rating");
              await expectLocationLeadsTo(ctx, created, `/v1/wineries/${body.id}`, body.id);
            },
          };
        },
      },
    ],
    400: [
      invalidBody(createWinery, "name is missing", "/body/name", ({ name: _name, ...rest }) => rest),
      invalidBody(createWinery, "lat is a string", "/body/lat", (body) => ({ ...body, lat: "38.5" })),
      invalidBody(createWinery, "lat is above 90", "/body/lat", (body) => ({ ...body, lat: 90.5 })),
      invalidBody(createWinery, "website is not a URI", "/body/website", (body) => ({
        ...body,
        website: "no uri",
      })),
      invalidBody(createWinery, "an undocumented member", "/body/owner", (body) => ({
        ...body,
        owner: "me",
      })),
      malformedJson(createWinery),
    ],
    401: unauthorized(createWinery),
    403: forbiddenWithoutAdmin(createWinery),
    413: payloadTooLarge(createWinery),
    415: unsupportedMediaType(createWinery),
  },

  getWineryV1: {
    200: [
      {
        title: "the winery as created",
        async send(ctx) {
          const shared = await ctx.sharedWinery();
          const exchange = await ctx.api.send({ method: "GET", path: `/v1/wineries/${shared.id}` });
          return {
            exchanges: [exchange],
            verify() {
              const body = bodyOf<Winery>(exchange);
              for (const key of ["id", "name", "lat", "lng", "region", "website"] as const) {
                expect(body[key] === shared[key], `${key} is ${body[key]}, created as ${shared[key]}`);
              }
            },
          };
        },
      },
    ],
    400: [invalidUuid((_ctx, id) => ({ method: "GET", path: `/v1/wineries/${id}` }))],
    304: notModified(async (ctx) => `/v1/wineries/${(await ctx.sharedWinery()).id}`),
    404: unknownWinery((_ctx, id) => ({ method: "GET", path: `/v1/wineries/${id}` })),
  },
};
