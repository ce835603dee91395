import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractToken, formatJavaUtcDate, stringifyClaims } from "../../src/local/cognito-authorizer.js";
import { forgedTokens } from "./support/forged-tokens.js";
import {
  expectProblemShape,
  type Harness,
  mintToken,
  request,
  startHarness,
} from "./support/local-stage-harness.js";

describe("Cognito authorizer emulation", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  const callsTo = (operationId: string) =>
    harness.invocations.filter((call) => call.operationId === operationId).length;

  it("hands the claims to the handler as strings, the way API Gateway REST does", async () => {
    const token = await mintToken(harness);
    const response = await request(harness.port, "/v1/me", { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const { event } = harness.invocations.at(-1)!;
    const claims = event.requestContext.authorizer?.claims as Record<string, unknown>;
    expect(claims).toMatchObject({
      sub: "alice",
      "cognito:groups": "admin,editor",
      "cognito:username": "alice",
      email: "alice@example.com",
      token_use: "id",
      aud: "cellar-local",
      iss: `http://localhost:${harness.port}/_local`,
    });
    expect(claims.exp).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4}$/);
    for (const [name, value] of Object.entries(claims)) expect(typeof value, name).toBe("string");
  });

  it("accepts the raw token without the Bearer prefix, like Cognito authorizers", async () => {
    const token = await mintToken(harness, { sub: "bob" });
    const response = await request(harness.port, "/v2/me", { headers: { Authorization: token } });
    expect(response.status).toBe(200);
    expect(harness.invocations.at(-1)!.event.requestContext.authorizer?.claims.sub).toBe("bob");
  });

  it("leaves public operations alone even when a bad token is sent", async () => {
    const response = await request(harness.port, "/v1/ping", {
      headers: { Authorization: "Bearer nonsense" },
    });
    expect(response.status).toBe(200);
    expect(harness.invocations.at(-1)!.event.requestContext.authorizer).toBeUndefined();
  });

  it("answers a missing token with 401 problem+json and WWW-Authenticate, without invoking the handler", async () => {
    const before = callsTo("createWineryV1");
    const response = await request(harness.port, "/v1/wineries", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    expect(response.status).toBe(401);
    expect(response.headers["www-authenticate"]).toBe("Bearer");
    expect(expectProblemShape(response)).toMatchObject({
      type: "https://cellar.dev/problems/unauthorized",
      status: 401,
      instance: "/v1/wineries",
    });
    expect(callsTo("createWineryV1")).toBe(before);
  });

  it("refuses forged, expired and foreign tokens without invoking the handler", async () => {
    const forged = await forgedTokens(harness.issuer, harness.dataDir);
    const before = callsTo("patchWineryV2");
    for (const [name, token] of Object.entries(forged)) {
      const response = await request(harness.port, "/v2/wineries/1", {
        method: "PATCH",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: "{}",
      });
      expect(response.status, name).toBe(401);
      expect(response.headers["www-authenticate"], name).toMatch(/^Bearer/);
      const body = expectProblemShape(response);
      expect(body.detail, name).not.toMatch(/at |Error|\.ts/);
    }
    expect(callsTo("patchWineryV2")).toBe(before);
  });
});

describe("claim stringification", () => {
  it("joins arrays, stringifies scalars and renders exp/iat as Java dates", () => {
    expect(
      stringifyClaims({
        sub: "alice",
        "cognito:groups": ["admin", "editor"],
        email_verified: true,
        auth_time: 1469814773,
        exp: 1469818373,
        iat: 1469814773,
        address: { locality: "Napa" },
      }),
    ).toEqual({
      sub: "alice",
      "cognito:groups": "admin,editor",
      email_verified: "true",
      auth_time: "1469814773",
      exp: "Fri Jul 29 18:52:53 UTC 2016",
      iat: "Fri Jul 29 17:52:53 UTC 2016",
      address: '{"locality":"Napa"}',
    });
    expect(formatJavaUtcDate(0)).toBe("Thu Jan 01 00:00:00 UTC 1970");
  });

  it("extracts tokens with or without the Bearer scheme", () => {
    expect(extractToken("Bearer abc")).toBe("abc");
    expect(extractToken("bearer   abc ")).toBe("abc");
    expect(extractToken("abc")).toBe("abc");
    expect(extractToken("Bearer ")).toBeUndefined();
    expect(extractToken(undefined)).toBeUndefined();
  });
});
