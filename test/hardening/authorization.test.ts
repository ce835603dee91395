import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { listOperations, loadSpec } from "../../contract-tests/lib/openapi-document.cjs";
import { forgedTokens } from "../local/support/forged-tokens.js";
import { settleRatingRollups } from "../support/rating-rollups.js";
import { call } from "./support/hardening-stage.js";
import { stageBackends, useStage } from "./support/stage-backends.js";

const MERGE_PATCH = { "Content-Type": "application/merge-patch+json" };
const secured = listOperations(loadSpec()).filter((operation) => operation.secured);

/** A body that is valid for each operation, so that only the credentials are wrong. */
const VALID_BODIES: Record<string, unknown> = {
  createWineryV1: { name: "Forged Cellars", lat: -35.5, lng: 140.5, region: "Forged" },
  createWineryV2: { name: "Forged Cellars", location: { lat: -35.5, lng: 140.5 }, region: "Forged" },
  patchWineryV2: { name: "Forged Cellars" },
  createReviewV1: { rating: 1 },
  createReviewV2: { rating: 1 },
};

describe.each(stageBackends)("authorization through the real gateways and handlers on $name", (backend) => {
  const stage = useStage(backend);
  const tokens: Record<string, string> = {};
  let wineryId = "";
  let aliceReviewId = "";

  beforeAll(async () => {
    tokens.admin = await stage().token("authz-admin", ["admin"]);
    tokens.alice = await stage().token(`alice-${randomUUID()}`);
    tokens.bob = await stage().token(`bob-${randomUUID()}`);
    const created = await call(stage(), "POST", "/v1/wineries", {
      token: tokens.admin,
      body: { name: "Guarded Cellars", lat: -35.5, lng: 140.5, region: "Guarded" },
    });
    wineryId = (created.body as { id: string }).id;
    const review = await call(stage(), "POST", `/v2/wineries/${wineryId}/reviews`, {
      token: tokens.alice,
      body: { rating: 5, text: "Alice's" },
    });
    aliceReviewId = (review.body as { id: string }).id;
    expect((await call(stage(), "PUT", `/v2/me/favorites/${wineryId}`, { token: tokens.alice })).status).toBe(
      204,
    );
  });

  it(`refuses every forged, expired or foreign token on all ${secured.length} secured routes, and nothing is written`, async () => {
    // Each is signed as "mallory" in the admin group, and wrong in exactly one way (see forged-tokens.ts).
    const forged = await forgedTokens(stage().issuer, stage().dataDir);
    for (const operation of secured) {
      const path = operation.path.replace("{wineryId}", wineryId).replace("{reviewId}", aliceReviewId);
      const body = VALID_BODIES[operation.operationId];
      for (const [name, token] of Object.entries(forged)) {
        const response = await call(stage(), operation.method, path, {
          token,
          ...(body === undefined ? {} : { body }),
          ...(operation.operationId === "patchWineryV2" ? { headers: MERGE_PATCH } : {}),
        });
        expect(response.status, `${operation.operationId} with ${name}: ${response.text}`).toBe(401);
        expect(response.headers.get("www-authenticate"), name).toMatch(/^Bearer/);
      }
    }
    await settleRatingRollups();
    const winery = await call(stage(), "GET", `/v2/wineries/${wineryId}`);
    expect(winery.body).toMatchObject({ name: "Guarded Cellars", rating: { count: 1, average: 5 } });
    const forgedName = await call(stage(), "GET", "/v1/wineries?lat=-35.5&lng=140.5&radiusKm=1&limit=100");
    expect((forgedName.body as Array<{ name: string }>).map((w) => w.name)).not.toContain("Forged Cellars");
    const mallory = await stage().token("mallory");
    expect((await call(stage(), "GET", "/v2/me", { token: mallory })).body).toMatchObject({
      favoritesCount: 0,
      reviewsCount: 0,
    });
  });

  it("never lets one user read or change another's favorites, reviews or profile", async () => {
    // Bob "removes" Alice's favorite: his own list is what changes (nothing), hers stays.
    for (const version of [1, 2]) {
      expect(
        (await call(stage(), "DELETE", `/v${version}/me/favorites/${wineryId}`, { token: tokens.bob }))
          .status,
      ).toBe(204);
    }
    expect((await call(stage(), "GET", "/v1/me/favorites", { token: tokens.alice })).body).toMatchObject([
      { id: wineryId },
    ]);
    expect((await call(stage(), "GET", "/v1/me/favorites", { token: tokens.bob })).body).toEqual([]);
    expect((await call(stage(), "GET", "/v2/me/favorites", { token: tokens.bob })).body).toEqual({
      items: [],
      nextCursor: null,
    });
    expect((await call(stage(), "GET", "/v2/me", { token: tokens.bob })).body).toMatchObject({
      favoritesCount: 0,
      reviewsCount: 0,
    });

    // Headers claiming admin rights carry no weight; only the token's groups do.
    const review = `/v2/wineries/${wineryId}/reviews/${aliceReviewId}`;
    const spoofed = {
      "x-cellar-groups": "admin",
      "cognito-groups": "admin",
      "X-Amzn-Oidc-Identity": "authz-admin",
    };
    expect((await call(stage(), "DELETE", review, { token: tokens.bob, headers: spoofed })).status).toBe(403);
    const patch = await call(stage(), "PATCH", `/v2/wineries/${wineryId}`, {
      token: tokens.bob,
      headers: { ...MERGE_PATCH, ...spoofed },
      body: { name: "Bob's now" },
    });
    expect(patch.status).toBe(403);
    // A review names its author from the token, never from the body.
    const impersonation = await call(stage(), "POST", `/v2/wineries/${wineryId}/reviews`, {
      token: tokens.bob,
      body: { rating: 1, author: { id: "authz-admin" } },
    });
    expect(impersonation.status).toBe(400);

    expect((await call(stage(), "GET", `/v2/wineries/${wineryId}/reviews`)).body).toMatchObject({
      items: [{ id: aliceReviewId, text: "Alice's" }],
    });
    expect((await call(stage(), "GET", `/v2/wineries/${wineryId}`)).body).toMatchObject({
      name: "Guarded Cellars",
    });
  });
});
