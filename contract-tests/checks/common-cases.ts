import type { ApiRequest } from "../setup/http-client.js";
import { expect, forgeSignature, unknownId } from "./probe-helpers.js";
import type { ProbeCase, ProbeContext } from "./probe-types.js";

/** Builds a request that would succeed; the cases below break one thing about it. */
export type RequestBuilder = (ctx: ProbeContext) => Promise<ApiRequest> | ApiRequest;

/** Over the 64 KB the API accepts, and still valid JSON, so size is the only thing wrong. */
const OVERSIZED_BODY = JSON.stringify({ name: "x".repeat(70 * 1024) });

export function unauthorized(build: RequestBuilder): ProbeCase[] {
  return [
    {
      title: "no token, a malformed token, a forged signature",
      async send(ctx) {
        const { token: _valid, ...request } = await build(ctx);
        return [
          await ctx.api.send(request),
          await ctx.api.send({ ...request, authorization: "Bearer not-a-jwt" }),
          await ctx.api.send({ ...request, token: forgeSignature(ctx.tokens.user) }),
        ];
      },
    },
  ];
}

/** A signed-in caller without the admin group on an admin operation. */
export function forbiddenWithoutAdmin(build: RequestBuilder): ProbeCase[] {
  return [
    {
      title: "a user without the admin group",
      async send(ctx) {
        return ctx.api.send({ ...(await build(ctx)), token: ctx.tokens.user });
      },
    },
  ];
}

export function payloadTooLarge(build: RequestBuilder): ProbeCase[] {
  return [
    {
      title: "a 70 KB body",
      async send(ctx) {
        const { json: _json, ...request } = await build(ctx);
        return ctx.api.send({
          ...request,
          rawBody: OVERSIZED_BODY,
          contentType: request.contentType ?? "application/json",
        });
      },
    },
  ];
}

export function unsupportedMediaType(build: RequestBuilder, contentType = "text/plain"): ProbeCase[] {
  return [
    {
      title: `the body sent as ${contentType}`,
      async send(ctx) {
        const { json, ...request } = await build(ctx);
        return ctx.api.send({ ...request, rawBody: JSON.stringify(json), contentType });
      },
    },
  ];
}

export function malformedJson(build: RequestBuilder): ProbeCase {
  return {
    title: "malformed JSON",
    errorPath: "/body",
    async send(ctx) {
      const { json: _json, ...request } = await build(ctx);
      return ctx.api.send({
        ...request,
        rawBody: '{"name": "Unclosed',
        contentType: request.contentType ?? "application/json",
      });
    },
  };
}

/** The valid request with its body changed by `change`; errors[] must name `errorPath`. */
export function invalidBody(
  build: RequestBuilder,
  title: string,
  errorPath: string,
  change: (body: Record<string, unknown>) => Record<string, unknown>,
): ProbeCase {
  return {
    title,
    errorPath,
    async send(ctx) {
      const request = await build(ctx);
      return ctx.api.send({ ...request, json: change({ ...(request.json as Record<string, unknown>) }) });
    },
  };
}

/** Builds a request for a given id in the path. */
export type PathRequest = (ctx: ProbeContext, id: string) => Promise<ApiRequest> | ApiRequest;

export function invalidUuid(build: PathRequest, param = "wineryId"): ProbeCase {
  return {
    title: `${param} is not a uuid`,
    errorPath: `/path/${param}`,
    async send(ctx) {
      return ctx.api.send(await build(ctx, "not-a-uuid"));
    },
  };
}

export function unknownWinery(build: PathRequest): ProbeCase[] {
  return [
    {
      title: "a winery id that does not exist",
      async send(ctx) {
        return ctx.api.send(await build(ctx, unknownId()));
      },
    },
  ];
}

/**
 * 304: read the resource, then read it again with the ETag the first read carried. Only the second
 * exchange is graded (the first is a 200); it must carry the same ETag and no body.
 */
export function notModified(path: (ctx: ProbeContext) => Promise<string>): ProbeCase[] {
  return [
    {
      title: "If-None-Match names the ETag of the current representation",
      async send(ctx) {
        const target = await path(ctx);
        const first = await ctx.api.send({ method: "GET", path: target });
        const etag = first.headers.etag;
        expect(etag !== undefined, `the first read (${first.status}) carried no ETag`);
        const second = await ctx.api.send({
          method: "GET",
          path: target,
          headers: { "If-None-Match": etag },
        });
        return {
          exchanges: [second],
          verify() {
            expect(
              second.headers.etag === etag,
              `the 304 carries ETag ${second.headers.etag}, the 200 ${etag}`,
            );
            expect(second.bodyText === "", "a 304 has no body");
          },
        };
      },
    },
  ];
}
