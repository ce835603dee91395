import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ApiError, type ClientOptions, createClient } from "../../sdk/src/generated/v2.gen.js";
import { type ScriptedServer, startScriptedServer, status } from "./support/scripted-server.js";

const wineryId = "3f2b8c1e-5d4a-4e7b-9c2d-1a6e8f0b7c45";
const winery = { id: wineryId, name: "Oak Hollow" };
const ETAG = '"mZ3k0f9Q2yN8bW1xR4tH6A"';
/** A 304 as the API sends it: no body, the tag and Cache-Control again. */
const notModified = status(304, undefined, { etag: ETAG, "cache-control": "public, no-cache" });

describe("the SDK's ETag cache", () => {
  let server: ScriptedServer;
  const client = (options: Partial<ClientOptions> = {}) =>
    createClient({ baseUrl: server.origin, retry: false, ...options });

  beforeEach(async () => {
    server = await startScriptedServer();
  });
  afterEach(() => server.close());

  it("sends If-None-Match on the second read and resolves a 304 with the body it kept", async () => {
    server.script(status(200, winery, { etag: ETAG }), notModified);
    const sdk = client();
    expect(await sdk.getWinery({ wineryId })).toEqual(winery);
    expect(await sdk.getWinery({ wineryId })).toEqual(winery);
    expect(server.seen[0]?.headers["if-none-match"]).toBeUndefined();
    expect(server.seen[1]?.headers["if-none-match"]).toBe(ETAG);
  });

  it("hands out copies: changing one read's result does not change the next", async () => {
    server.script(status(200, winery, { etag: ETAG }), notModified);
    const sdk = client();
    const first = await sdk.getWinery({ wineryId });
    first.name = "changed by the app";
    expect(await sdk.getWinery({ wineryId })).toEqual(winery);
  });

  it("keeps the newer body when the winery changed, and revalidates with its tag", async () => {
    const renamed = { ...winery, name: "Oak Hollow Estate" };
    server.script(status(200, winery, { etag: ETAG }), status(200, renamed, { etag: '"new"' }), notModified);
    const sdk = client();
    await sdk.getWinery({ wineryId });
    expect(await sdk.getWinery({ wineryId })).toEqual(renamed);
    await sdk.getWinery({ wineryId });
    expect(server.seen[2]?.headers["if-none-match"]).toBe('"new"');
  });

  it("keeps nothing per resource it did not read: another winery is read unconditionally", async () => {
    const otherId = "0d3c1e2f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    server.script(
      status(200, winery, { etag: ETAG }),
      status(200, { ...winery, id: otherId }, { etag: '"b"' }),
    );
    const sdk = client();
    await sdk.getWinery({ wineryId });
    await sdk.getWinery({ wineryId: otherId });
    expect(server.seen[1]?.headers["if-none-match"]).toBeUndefined();
  });

  it("can be switched off: no If-None-Match of its own, so every read gets the full body", async () => {
    server.script(status(200, winery, { etag: ETAG }), status(200, winery, { etag: ETAG }));
    const sdk = client({ etagCache: false });
    await sdk.getWinery({ wineryId });
    expect(await sdk.getWinery({ wineryId })).toEqual(winery);
    expect(server.seen.map((request) => request.headers["if-none-match"])).toEqual([undefined, undefined]);
  });

  it("switched off, a 304 to the caller's own ifNoneMatch is an ApiError 304 (there is no body to give)", async () => {
    server.script(notModified);
    const error = await client({ etagCache: false })
      .getWinery({ wineryId, ifNoneMatch: ETAG })
      .catch((caught: unknown) => caught);
    expect(server.seen[0]?.headers["if-none-match"]).toBe(ETAG);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(304);
  });
});
