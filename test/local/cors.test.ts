import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localCorsOrigins } from "../../src/local/cors-policy.js";
import { type Harness, request, startHarness } from "./support/local-stage-harness.js";

const ALLOWED = "http://localhost:3000";
const OTHER = "https://evil.example";

describe("CORS", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({
      corsOrigins: [ALLOWED, "http://127.0.0.1:5173"],
      responders: {
        getWineryV2: () => ({ statusCode: 200, headers: { "Access-Control-Allow-Origin": "*" }, body: "{}" }),
      },
    });
  });
  afterAll(() => harness.close());

  const preflight = (origin: string, path = "/v1/wineries") =>
    request(harness.port, path, {
      method: "OPTIONS",
      headers: {
        Origin: origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
      },
    });

  it("answers a preflight from an allowed origin with the mock integration's CORS headers", async () => {
    const before = harness.invocations.length;
    const response = await preflight(ALLOWED);
    expect(response.status).toBe(204);
    expect(response.headers["access-control-allow-origin"]).toBe(ALLOWED);
    expect(response.headers["access-control-allow-methods"]).toBe("GET,OPTIONS,POST");
    expect(response.headers["access-control-allow-headers"]).toBe(
      "Authorization,Content-Type,Idempotency-Key",
    );
    expect(response.headers.vary).toBe("Origin");
    expect(response.body).toHaveLength(0);
    expect(harness.invocations.length).toBe(before);
  });

  it("does not allow a preflight from any other origin", async () => {
    const response = await preflight(OTHER);
    expect(response.status).toBe(204);
    expect(response.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("adds Access-Control-Allow-Origin to responses only for allowed origins", async () => {
    const allowed = await request(harness.port, "/v1/ping", { headers: { Origin: "http://127.0.0.1:5173" } });
    expect(allowed.headers["access-control-allow-origin"]).toBe("http://127.0.0.1:5173");
    const refused = await request(harness.port, "/v1/ping", { headers: { Origin: OTHER } });
    expect(refused.status).toBe(200);
    expect(refused.headers["access-control-allow-origin"]).toBeUndefined();
    const sameOrigin = await request(harness.port, "/v1/ping");
    expect(sameOrigin.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("lets a browser read gateway errors such as 401", async () => {
    const response = await request(harness.port, "/v1/me", { headers: { Origin: ALLOWED } });
    expect(response.status).toBe(401);
    expect(response.headers["access-control-allow-origin"]).toBe(ALLOWED);
  });

  it("leaves a handler's own Access-Control-Allow-Origin alone, as production would", async () => {
    const response = await request(harness.port, "/v2/wineries/1", { headers: { Origin: OTHER } });
    expect(response.headers["access-control-allow-origin"]).toBe("*");
  });

  it("treats OPTIONS on a resource without a mock integration like any undefined method", async () => {
    const response = await preflight(ALLOWED, "/v1/wineries/1");
    expect(response.status).toBe(405);
  });

  it("answers preflights for the token endpoint", async () => {
    const response = await preflight(ALLOWED, "/_local/token");
    expect(response.status).toBe(204);
    expect(response.headers["access-control-allow-origin"]).toBe(ALLOWED);
    expect(response.headers["access-control-allow-methods"]).toBe("POST");
  });
});

describe("CORS origins from the environment", () => {
  it("splits CORS_ORIGINS on commas and falls back to http://localhost:3000", () => {
    expect(localCorsOrigins({ CORS_ORIGINS: " https://a.dev, http://localhost:5173 ,," })).toEqual([
      "https://a.dev",
      "http://localhost:5173",
    ]);
    expect(localCorsOrigins({})).toEqual(["http://localhost:3000"]);
    expect(localCorsOrigins({ CORS_ORIGINS: " " })).toEqual(["http://localhost:3000"]);
  });
});
