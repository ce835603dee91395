import type { APIGatewayProxyResult } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WINERY_CACHE_CONTROL } from "../../src/app/winery-cache-control.js";
import { closeDatabase } from "../../src/db/database-instance.js";
import { handler as createWineryV2 } from "../../src/handlers/create-winery-v2.handler.js";
import { handler as getWineryV1 } from "../../src/handlers/get-winery-v1.handler.js";
import { handler as getWineryV2 } from "../../src/handlers/get-winery-v2.handler.js";
import { handler as patchWineryV2 } from "../../src/handlers/patch-winery-v2.handler.js";
import { ADMIN, jsonEvent, lambdaContext, proxyEvent } from "../support/proxy-events.js";
import { createTemporaryPostgresDatabase, type TemporaryDatabase } from "../support/temporary-postgres.js";

/** Winery reads answer ETag and Cache-Control, and 304 to a current If-None-Match, on real Postgres. */
describe("conditional winery reads", () => {
  let database: TemporaryDatabase;
  let wineryId = "";
  const savedUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    database = await createTemporaryPostgresDatabase();
    process.env.DATABASE_URL = database.url;
    const created = await createWineryV2(
      jsonEvent(
        JSON.stringify({ name: "Marrow Creek", location: { lat: 38.5, lng: -122.4 }, region: "Napa Valley" }),
        {
          path: "/v2/wineries",
          resource: "/wineries",
          claims: ADMIN,
        },
      ),
      lambdaContext(),
    );
    expect(created.statusCode).toBe(201);
    wineryId = JSON.parse(created.body).id;
  });
  afterAll(async () => {
    await closeDatabase();
    await database?.drop();
    process.env.DATABASE_URL = savedUrl;
  });

  const read = (version: "v1" | "v2", headers: Record<string, string> = {}): Promise<APIGatewayProxyResult> =>
    (version === "v1" ? getWineryV1 : getWineryV2)(
      proxyEvent({
        path: `/${version}/wineries/${wineryId}`,
        resource: "/wineries/{wineryId}",
        pathParameters: { wineryId },
        headers,
      }),
      lambdaContext(),
    );
  const headerOf = (result: APIGatewayProxyResult, name: string) => result.headers?.[name];

  it.each(["v1", "v2"] as const)(
    "%s: 200 with ETag and Cache-Control, then 304 with no body for that tag",
    async (version) => {
      const first = await read(version);
      expect(first.statusCode).toBe(200);
      const etag = headerOf(first, "ETag");
      expect(etag).toMatch(/^"[\w-]{22}"$/);
      expect(headerOf(first, "Cache-Control")).toBe(WINERY_CACHE_CONTROL);

      const again = await read(version, { "If-None-Match": String(etag) });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe("");
      expect(headerOf(again, "ETag")).toBe(etag);
      expect(headerOf(again, "Cache-Control")).toBe(WINERY_CACHE_CONTROL);
      // Header names arrive in any case; a weak tag, a list and * all match (RFC 9110's weak comparison).
      expect((await read(version, { "if-none-match": `"other", W/${etag}` })).statusCode).toBe(304);
      expect((await read(version, { "If-None-Match": "*" })).statusCode).toBe(304);
      expect((await read(version, { "If-None-Match": '"stale"' })).statusCode).toBe(200);
    },
  );

  it("gives a new ETag once the winery changes, and the old tag then reads the new body", async () => {
    const before = await read("v2");
    const oldTag = String(headerOf(before, "ETag"));
    const patched = await patchWineryV2(
      proxyEvent({
        httpMethod: "PATCH",
        path: `/v2/wineries/${wineryId}`,
        resource: "/wineries/{wineryId}",
        pathParameters: { wineryId },
        headers: { "Content-Type": "application/merge-patch+json" },
        body: JSON.stringify({ name: "Marrow Creek Estate" }),
        claims: ADMIN,
      }),
      lambdaContext(),
    );
    expect(patched.statusCode).toBe(200);
    const after = await read("v2", { "If-None-Match": oldTag });
    expect(after.statusCode).toBe(200);
    expect(JSON.parse(after.body).name).toBe("Marrow Creek Estate");
    expect(headerOf(after, "ETag")).not.toBe(oldTag);
    expect((await read("v2", { "If-None-Match": String(headerOf(after, "ETag")) })).statusCode).toBe(304);
  });
});
