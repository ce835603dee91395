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
  it("splits CORS_ORIGINS on commas and otherwise allows the stage's own origin, on its PORT", () => {
    expect(localCorsOrigins({ CORS_ORIGINS: " https://a.dev, capacitor://localhost ,,null" })).toEqual([
      "https://a.dev",
      "capacitor://localhost",
      "null",
    ]);
    expect(localCorsOrigins({})).toEqual(["http://localhost:3000"]);
    expect(localCorsOrigins({ CORS_ORIGINS: " " })).toEqual(["http://localhost:3000"]);
    expect(localCorsOrigins({ PORT: "8100" })).toEqual(["http://localhost:8100"]);
    expect(localCorsOrigins({ PORT: "8100", CORS_ORIGINS: "ionic://localhost" })).toEqual([
      "ionic://localhost",
    ]);
  });

  it("refuses a CORS_ORIGINS it could never match, naming the origin", () => {
    expect(() => localCorsOrigins({ CORS_ORIGINS: "https://a.dev/app" })).toThrow(
      '"https://a.dev/app" is not an origin: it has a path',
    );
    expect(() => localCorsOrigins({ CORS_ORIGINS: "*" })).toThrow("wildcards are not allowed");
  });

  it("follows PORT when the stage is created without explicit origins", async () => {
    const previous = { PORT: process.env.PORT, CORS_ORIGINS: process.env.CORS_ORIGINS };
    process.env.PORT = "8100";
    delete process.env.CORS_ORIGINS;
    let harness: Harness | undefined;
    try {
      harness = await startHarness({ corsOrigins: undefined });
      const own = await request(harness.port, "/v1/ping", { headers: { Origin: "http://localhost:8100" } });
      expect(own.headers["access-control-allow-origin"]).toBe("http://localhost:8100");
      const old = await request(harness.port, "/v1/ping", { headers: { Origin: "http://localhost:3000" } });
      expect(old.headers["access-control-allow-origin"]).toBeUndefined();
    } finally {
      await harness?.close();
      for (const [name, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});

describe("CORS for hybrid app webviews", () => {
  const HYBRID = ["capacitor://localhost", "ionic://localhost", "https://localhost"];
  let harness: Harness;
  let withoutNull: Harness;
  beforeAll(async () => {
    harness = await startHarness({ corsOrigins: ["https://www.example.org", ...HYBRID, "null"] });
    withoutNull = await startHarness({ corsOrigins: ["https://www.example.org", ...HYBRID] });
  });
  afterAll(async () => {
    await harness.close();
    await withoutNull.close();
  });

  const preflight = (port: number, origin: string) =>
    request(port, "/v1/wineries", {
      method: "OPTIONS",
      headers: {
        Origin: origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
      },
    });

  it.each([...HYBRID, "null"])(
    "answers %s's preflight and real responses with its own origin",
    async (origin) => {
      const answer = await preflight(harness.port, origin);
      expect(answer.status).toBe(204);
      expect(answer.headers["access-control-allow-origin"]).toBe(origin);
      expect(answer.headers.vary).toBe("Origin");
      const response = await request(harness.port, "/v1/ping", { headers: { Origin: origin } });
      expect(response.status).toBe(200);
      expect(response.headers["access-control-allow-origin"]).toBe(origin);
      expect(response.headers.vary).toBe("Origin");
    },
  );

  it.each([
    ["an unlisted origin", "https://evil.example"],
    ["a listed origin's prefix", "capacitor://local"],
    ["the same host on another scheme", "http://localhost"],
    ["an upper-case spelling", "CAPACITOR://LOCALHOST"],
  ])("gives %s no Access-Control-Allow-Origin, but still Vary: Origin", async (_case, origin) => {
    for (const response of [
      await preflight(harness.port, origin),
      await request(harness.port, "/v1/ping", { headers: { Origin: origin } }),
    ]) {
      expect(response.headers["access-control-allow-origin"]).toBeUndefined();
      expect(response.headers.vary).toBe("Origin");
    }
  });

  it("allows the origin null only where it is configured", async () => {
    const answer = await preflight(withoutNull.port, "null");
    expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
    const response = await request(withoutNull.port, "/v1/ping", { headers: { Origin: "null" } });
    expect(response.headers["access-control-allow-origin"]).toBeUndefined();
    expect(response.headers.vary).toBe("Origin");
  });
});
