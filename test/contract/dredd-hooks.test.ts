import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildHookContext } from "../../contract-tests/dredd/dredd-context.js";
import type { DreddFixtures } from "../../contract-tests/dredd/dredd-fixtures.js";
import type { Winery } from "../../contract-tests/setup/fixture-factory.js";

// Loads the real hookfile the way Dredd does (require() with a "hooks" module injected), then feeds
// it transactions shaped like Dredd's, to prove it authorizes, rewrites, and fails wrong bodies.
const require = createRequire(import.meta.url);
type Hook = (transaction: Transaction) => void;
interface Transaction {
  name: string;
  id: string;
  origin: { resourceName: string };
  request: { method: string; uri: string; headers: Record<string, string>; body: string };
  fullPath: string;
  expected: { statusCode: string };
  real?: { statusCode: number; headers: Record<string, string>; body: string };
  skip?: boolean;
  fail?: string | boolean;
}

const registered: { beforeEach: Hook[]; beforeEachValidation: Hook[] } = {
  beforeEach: [],
  beforeEachValidation: [],
};
const fakeHooks = {
  beforeEach: (hook: Hook) => registered.beforeEach.push(hook),
  beforeEachValidation: (hook: Hook) => registered.beforeEachValidation.push(hook),
};

const winery = (id: string): Winery => ({ id, name: "W", lat: -50, lng: 10, region: "R" });
const fixtures: DreddFixtures = {
  location: { lat: -50, lng: 10 },
  main: winery("11111111-1111-4111-8111-111111111111"),
  reviewTargetV1: winery("22222222-2222-4222-8222-222222222222"),
  reviewTargetV2: winery("33333333-3333-4333-8333-333333333333"),
  favoriteToggle: winery("44444444-4444-4444-8444-444444444444"),
  doomedWinery: winery("77777777-7777-4777-8777-777777777777"),
  doomedReview: {
    id: "55555555-5555-4555-8555-555555555555",
    wineryId: "11111111-1111-4111-8111-111111111111",
    userId: "u",
    rating: 2,
  },
  importJob: { id: "66666666-6666-4666-8666-666666666666" },
};
const tokens = { admin: "ADMIN", user: "USER", otherUser: "OTHER" };

function transaction(method: string, template: string, uri: string, status: string, body = ""): Transaction {
  return {
    name: `${template} > x > ${status} > application/json`,
    id: `${method} (${status}) ${uri}`,
    origin: { resourceName: template },
    request: { method, uri, headers: { Accept: "application/json" }, body },
    fullPath: uri,
    expected: { statusCode: status },
  };
}

const run = (hooks: Hook[], t: Transaction) => {
  for (const hook of hooks) hook(t);
  return t;
};

beforeAll(() => {
  process.env.CONTRACT_DREDD_CONTEXT = JSON.stringify(buildHookContext(tokens, fixtures, "run1"));
  const Module = require("node:module") as {
    _resolveFilename: (request: string, ...rest: unknown[]) => string;
  };
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === "hooks" ? "hooks" : resolve.call(this, request, ...rest);
  };
  require.cache.hooks = { id: "hooks", filename: "hooks", loaded: true, exports: fakeHooks } as NodeJS.Module;
  try {
    require("../../contract-tests/dredd-hooks.cjs");
  } finally {
    Module._resolveFilename = resolve;
  }
});

afterAll(() => {
  delete process.env.CONTRACT_DREDD_CONTEXT;
  delete require.cache.hooks;
});

const exampleId = "3f2b8c1e-5d4a-4e7b-9c2d-1a6e8f0b7c45";

describe("dredd-hooks.cjs", () => {
  it("skips non-2xx transactions", () => {
    const t = run(
      registered.beforeEach,
      transaction("GET", "/v1/wineries/{wineryId}", `/v1/wineries/${exampleId}`, "404"),
    );
    expect(t.skip).toBe(true);
  });

  it("points example ids at fixtures and leaves public operations without credentials", () => {
    const t = run(
      registered.beforeEach,
      transaction("GET", "/v1/wineries/{wineryId}", `/v1/wineries/${exampleId}`, "200"),
    );
    expect(t.request.uri).toBe(`/v1/wineries/${fixtures.main.id}`);
    expect(t.fullPath).toBe(t.request.uri);
    expect(t.request.headers.Authorization).toBeUndefined();
  });

  it("uses the admin token for admin operations and gives each createWineryV2 a fresh Idempotency-Key", () => {
    const body = JSON.stringify({ name: "n", location: { lat: 1, lng: 2 }, region: "r" });
    const first = run(
      registered.beforeEach,
      transaction("POST", "/v2/wineries", "/v2/wineries", "201", body),
    );
    const second = run(
      registered.beforeEach,
      transaction("POST", "/v2/wineries", "/v2/wineries", "201", body),
    );
    expect(first.request.headers.Authorization).toBe("Bearer ADMIN");
    expect(first.request.headers["Idempotency-Key"]).not.toBe(second.request.headers["Idempotency-Key"]);
    expect(JSON.parse(first.request.body).location).toEqual({ lat: -50, lng: 10 });
  });

  it("sends the user token, separate review targets, and the doomed review for deleteReviewV2", () => {
    const v1 = run(
      registered.beforeEach,
      transaction("POST", "/v1/wineries/{wineryId}/reviews", `/v1/wineries/${exampleId}/reviews`, "201"),
    );
    const v2 = run(
      registered.beforeEach,
      transaction("POST", "/v2/wineries/{wineryId}/reviews", `/v2/wineries/${exampleId}/reviews`, "201"),
    );
    const del = run(
      registered.beforeEach,
      transaction(
        "DELETE",
        "/v2/wineries/{wineryId}/reviews/{reviewId}",
        `/v2/wineries/${exampleId}/reviews/9b7e4d2a-1c3f-4a8e-b5d6-7e2f1a0c9d38`,
        "204",
      ),
    );
    expect(v1.request.headers.Authorization).toBe("Bearer USER");
    expect(v1.request.uri).toContain(fixtures.reviewTargetV1.id);
    expect(v2.request.uri).toContain(fixtures.reviewTargetV2.id);
    expect(del.request.uri).toBe(`/v2/wineries/${fixtures.main.id}/reviews/${fixtures.doomedReview.id}`);
  });

  it("deletes the winery made for deleteWineryV2 with the admin token, never the main fixture", () => {
    const del = run(
      registered.beforeEach,
      transaction("DELETE", "/v2/wineries/{wineryId}", `/v2/wineries/${exampleId}`, "204"),
    );
    expect(del.request.headers.Authorization).toBe("Bearer ADMIN");
    expect(del.request.uri).toBe(`/v2/wineries/${fixtures.doomedWinery.id}`);
  });

  it("strips the example cursor and searches around the run's location", () => {
    const t = run(
      registered.beforeEach,
      transaction(
        "GET",
        "/v2/wineries",
        "/v2/wineries?near=38.5%2C-122.4&radius=25000&limit=20&cursor=abc",
        "200",
      ),
    );
    expect(t.request.uri).toBe("/v2/wineries?near=-50%2C10&radius=25000&limit=20");
  });

  it("fails a 200 whose body breaks the schema, and passes one that conforms", () => {
    const body = {
      id: fixtures.main.id,
      name: "W",
      lat: -50,
      lng: 10,
      region: "R",
      averageRating: 0,
      reviewCount: 0,
      createdAt: "2024-01-01T00:00:00Z",
    };
    const validate = (realBody: unknown) => {
      const t = transaction("GET", "/v1/wineries/{wineryId}", `/v1/wineries/${fixtures.main.id}`, "200");
      t.real = {
        statusCode: 200,
        headers: { "content-type": "application/json", etag: '"abc"', "cache-control": "public, no-cache" },
        body: JSON.stringify(realBody),
      };
      return run(registered.beforeEachValidation, t).fail;
    };
    expect(validate(body)).toBeUndefined();
    expect(validate({ ...body, reviewCount: "0" })).toMatch(/body \/reviewCount must be integer/);
  });
});
