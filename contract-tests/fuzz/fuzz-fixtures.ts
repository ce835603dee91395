import fc from "fast-check";
import { type GeoPoint, offsetKm } from "../setup/run-id.js";
import type { TokenRole } from "../setup/tokens.js";
import { tamperedCursorArbitrary } from "./cursor-tampering.js";
import type { FuzzClient } from "./fuzz-client.js";
import { uuidArbitrary } from "./string-arbitraries.js";
import type { RequestHints } from "./valid-request.js";

/** Real data for this run, so generated requests reach past "not found" into the handlers. */
export interface FuzzFixtures {
  location: GeoPoint;
  wineryIds: string[];
  /** Wineries for deleteWineryV2 alone, so that deleting never takes the others from later operations. */
  doomedWineryIds: string[];
  reviewIds: string[];
  /** Cursors the API issued, by operationId. */
  cursors: Record<string, string[]>;
}

export class FuzzFixtureError extends Error {}

/**
 * Three wineries near `location` (two more to be deleted), three reviews of the first, the user's
 * favorites, and a cursor per list.
 */
export async function createFuzzFixtures(
  client: FuzzClient,
  runId: string,
  location: GeoPoint,
): Promise<FuzzFixtures> {
  const call = async (
    method: string,
    path: string,
    role: TokenRole,
    body?: unknown,
    query: Array<[string, string]> = [],
  ) => {
    const response = await client.send({
      method,
      path,
      query,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      auth: { kind: "role", role },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status >= 300) {
      throw new FuzzFixtureError(
        `fixture ${method} ${path} answered ${response.status}: ${response.bodyText.slice(0, 300)}`,
      );
    }
    return response.json as Record<string, unknown> | undefined;
  };
  const wineryIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const at = offsetKm(location, i * 0.5);
    const winery = await call("POST", "/v1/wineries", "admin", {
      name: `Fuzz ${runId} ${i}`,
      ...at,
      region: "Fuzz Region",
    });
    wineryIds.push(String(winery?.id));
  }
  const doomedWineryIds: string[] = [];
  for (let i = 0; i < 2; i++) {
    const winery = await call("POST", "/v1/wineries", "admin", {
      name: `Fuzz ${runId} doomed ${i}`,
      ...offsetKm(location, 2 + i * 0.5),
      region: "Fuzz Region",
    });
    doomedWineryIds.push(String(winery?.id));
  }
  const [first = ""] = wineryIds;
  const reviewIds: string[] = [];
  for (const role of ["user", "otherUser", "admin"] as const) {
    const review = await call("POST", `/v1/wineries/${first}/reviews`, role, {
      rating: 4,
      text: `Fuzz ${runId}`,
    });
    reviewIds.push(String(review?.id));
  }
  for (const id of wineryIds) await call("PUT", `/v1/me/favorites/${id}`, "user");
  const next = async (path: string, role: TokenRole, query: Array<[string, string]>) =>
    String((await call("GET", path, role, undefined, [...query, ["limit", "1"]]))?.nextCursor);
  const cursors = {
    listWineriesV2: [await next("/v2/wineries", "user", [["near", `${location.lat},${location.lng}`]])],
    listReviewsV2: [await next(`/v2/wineries/${first}/reviews`, "user", [])],
    listFavoritesV2: [await next("/v2/me/favorites", "user", [])],
  };
  return { location, wineryIds, doomedWineryIds, reviewIds, cursors };
}

/** Aim mostly at the fixtures, sometimes anywhere the schema allows; reuse and tamper with issued cursors. */
export function fixtureHints(fixtures: FuzzFixtures): RequestHints["parameters"] {
  const mostly = (values: readonly string[]) => (fromSchema: fc.Arbitrary<string>) =>
    fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: fromSchema });
  const { lat, lng } = fixtures.location;
  const hints: RequestHints["parameters"] = {
    "path:wineryId": () =>
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...fixtures.wineryIds) },
        { weight: 1, arbitrary: uuidArbitrary() },
      ),
    "deleteWineryV2 path:wineryId": () =>
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...fixtures.doomedWineryIds) },
        { weight: 1, arbitrary: uuidArbitrary() },
      ),
    "path:reviewId": () =>
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...fixtures.reviewIds) },
        { weight: 1, arbitrary: uuidArbitrary() },
      ),
    "listWineriesV1 query:lat": mostly([String(lat)]),
    "listWineriesV1 query:lng": mostly([String(lng)]),
    "listWineriesV2 query:near": mostly([`${lat},${lng}`]),
  };
  for (const [operationId, issued] of Object.entries(fixtures.cursors)) {
    hints[`${operationId} query:cursor`] = (fromSchema) =>
      fc.oneof(
        { weight: 2, arbitrary: fc.constantFrom(...issued) },
        { weight: 3, arbitrary: tamperedCursorArbitrary(issued) },
        { weight: 1, arbitrary: fromSchema },
      );
  }
  return hints;
}
