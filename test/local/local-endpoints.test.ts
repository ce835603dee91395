import { resolve } from "node:path";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTokenRequest } from "../../src/local/token-request.js";
import { expectProblemShape, type Harness, request, startHarness } from "./support/local-stage-harness.js";

const postToken = (harness: Harness, body: string, contentType = "application/json") =>
  request(harness.port, "/_local/token", { method: "POST", headers: { "Content-Type": contentType }, body });

describe("local endpoints", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ docsDir: resolve(import.meta.dirname, "../../docs") });
  });
  afterAll(() => harness.close());

  it("mints a token for a valid request", async () => {
    const response = await postToken(
      harness,
      JSON.stringify({ sub: "alice", groups: ["admin"], email: "a@b.dev" }),
    );
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json");
    const body = response.json<{ token: string }>();
    expect(Object.keys(body)).toEqual(["token"]);
    expect(decodeJwt(body.token)).toMatchObject({
      sub: "alice",
      "cognito:groups": ["admin"],
      email: "a@b.dev",
    });
  });

  it.each([
    ["a missing sub", "{}"],
    ["an empty sub", '{"sub":""}'],
    ["a sub over 128 characters", JSON.stringify({ sub: "x".repeat(129) })],
    ["a non-string sub", '{"sub":42}'],
    ["groups that are not an array", '{"sub":"alice","groups":"admin"}'],
    ["groups that are not strings", '{"sub":"alice","groups":["admin",1]}'],
    ["an email that is not one", '{"sub":"alice","email":"nope"}'],
    ["an unknown field", '{"sub":"alice","group":["admin"]}'],
    ["a non-object body", '["alice"]'],
    ["invalid JSON", "{sub:alice"],
    ["an empty body", ""],
  ])("refuses %s with a 400 problem", async (_name, body) => {
    const response = await postToken(harness, body);
    expect(response.status).toBe(400);
    expect(expectProblemShape(response)).toMatchObject({
      type: "https://cellar.dev/problems/bad-request",
      title: "Bad Request",
      status: 400,
      instance: "/_local/token",
    });
  });

  it("accepts a sub of exactly 128 characters", async () => {
    expect((await postToken(harness, JSON.stringify({ sub: "x".repeat(128) }))).status).toBe(200);
  });

  it("only takes POST on the token endpoint", async () => {
    const response = await request(harness.port, "/_local/token");
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe("POST");
  });

  it("serves the public JWKS", async () => {
    const response = await request(harness.port, "/_local/jwks.json");
    expect(response.status).toBe(200);
    const { keys } = response.json<{ keys: Array<Record<string, unknown>> }>();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "RSA", kid: harness.issuer.kid, alg: "RS256" });
    expect(keys[0]).not.toHaveProperty("d");
  });

  it("serves the demo's /config.json naming this origin and no user pool: the demo then uses /_local/token", async () => {
    const response = await request(harness.port, "/config.json");
    expect(response.status).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(response.json()).toEqual({ apiBaseUrl: `http://127.0.0.1:${harness.port}` });
    const post = await request(harness.port, "/config.json", { method: "POST", body: "{}" });
    expect(post.status).toBe(405);
  });

  it("serves the generated docs under /docs/, /docs redirecting there", async () => {
    const redirect = await request(harness.port, "/docs");
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe("/docs/");
    const response = await request(harness.port, "/docs/");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(response.text).toContain("<title>Cellar API docs</title>");
  });

  it("indexes the stages at /", async () => {
    const response = await request(harness.port, "/");
    expect(response.status).toBe(200);
    const index = response.json<{ stages: Array<Record<string, unknown>>; token: string; docs: string }>();
    expect(index.stages.map(({ basePath, stage }) => ({ basePath, stage }))).toEqual([
      { basePath: "/v1", stage: "prodv1" },
      { basePath: "/v2", stage: "prodv2" },
    ]);
    expect(index.stages[0]?.routes).toContain("GET /wineries/{wineryId}");
    expect(index.token).toBe(`http://127.0.0.1:${harness.port}/_local/token`);
    expect(index.docs).toBe(`http://127.0.0.1:${harness.port}/docs/`);
  });
});

describe("local endpoints under NODE_ENV=production", () => {
  let harness: Harness;
  const original = process.env.NODE_ENV;
  beforeAll(async () => {
    process.env.NODE_ENV = "production";
    try {
      harness = await startHarness();
    } finally {
      // The decision is taken at creation: restoring NODE_ENV must not reopen the endpoint.
      process.env.NODE_ENV = original;
    }
  });
  afterAll(() => harness.close());

  it("refuses to mint tokens with a 404 problem", async () => {
    const response = await postToken(harness, JSON.stringify({ sub: "alice", groups: ["admin"] }));
    expect(response.status).toBe(404);
    const body = expectProblemShape(response);
    expect(body).toMatchObject({ status: 404, instance: "/_local/token" });
    expect(body).not.toHaveProperty("token");
  });

  it("does not advertise the token endpoint or docs it does not have", async () => {
    const index = (await request(harness.port, "/")).json();
    expect(index.token).toBeNull();
    expect(index.docs).toBeNull();
    expect((await request(harness.port, "/docs")).status).toBe(404);
  });
});

describe("token request validation", () => {
  it("passes through optional fields it accepts", () => {
    expect(parseTokenRequest({ sub: "alice", expiresInSeconds: 60 })).toEqual({
      ok: true,
      input: { sub: "alice", groups: [], expiresInSeconds: 60 },
    });
    expect(parseTokenRequest({ sub: "alice", expiresInSeconds: 0 }).ok).toBe(false);
  });
});
