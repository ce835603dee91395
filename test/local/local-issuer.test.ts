import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalIssuer, LOCAL_JWKS_FILE, type LocalIssuer } from "../../src/local/local-issuer.js";
import { forgedTokens, persistedPrivateJwk } from "./support/forged-tokens.js";

const ISSUER_URL = "http://localhost:4321/_local";

describe("local issuer", () => {
  let dataDir: string;
  let issuer: LocalIssuer;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "cellar-issuer-"));
    issuer = await createLocalIssuer({ issuerUrl: ISSUER_URL, dataDir });
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("issues Cognito-ID-token-like RS256 JWTs", async () => {
    const token = await issuer.issueToken({ sub: "alice", groups: ["admin"], email: "alice@example.com" });
    expect(decodeProtectedHeader(token)).toEqual({ alg: "RS256", kid: issuer.kid, typ: "JWT" });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      iss: ISSUER_URL,
      aud: "cellar-local",
      token_use: "id",
      sub: "alice",
      "cognito:groups": ["admin"],
      "cognito:username": "alice",
      email: "alice@example.com",
    });
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(await issuer.verify(token)).toMatchObject({ ok: true, claims: { sub: "alice" } });
  });

  it("leaves cognito:groups out for users in no group, as Cognito does", async () => {
    const claims = decodeJwt(await issuer.issueToken({ sub: "bob", expiresInSeconds: 60 }));
    expect(claims).not.toHaveProperty("cognito:groups");
    expect(claims).not.toHaveProperty("email");
    expect(claims.exp! - claims.iat!).toBe(60);
  });

  it("persists its key so tokens survive a restart", async () => {
    const token = await issuer.issueToken({ sub: "alice" });
    const restarted = await createLocalIssuer({ issuerUrl: ISSUER_URL, dataDir });
    expect(restarted.kid).toBe(issuer.kid);
    expect((await restarted.verify(token)).ok).toBe(true);
    expect((await stat(join(dataDir, LOCAL_JWKS_FILE))).mode & 0o777).toBe(0o600);
    expect(await persistedPrivateJwk(dataDir)).toMatchObject({ kty: "RSA", kid: issuer.kid, alg: "RS256" });
  });

  it("uses a fresh key per process without a data dir", async () => {
    const ephemeral = await createLocalIssuer({ issuerUrl: ISSUER_URL });
    expect(ephemeral.kid).not.toBe(issuer.kid);
    expect((await ephemeral.verify(await issuer.issueToken({ sub: "alice" }))).ok).toBe(false);
  });

  it("publishes only the public half of the key", () => {
    const [key] = issuer.publicJwks().keys;
    expect(key).toMatchObject({ kty: "RSA", kid: issuer.kid, alg: "RS256", use: "sig" });
    for (const member of ["d", "p", "q", "dp", "dq", "qi"]) expect(key).not.toHaveProperty(member);
  });

  it("refuses a corrupt key file instead of silently replacing it", async () => {
    const broken = await mkdtemp(join(tmpdir(), "cellar-issuer-broken-"));
    try {
      await writeFile(join(broken, LOCAL_JWKS_FILE), JSON.stringify({ keys: [{ kty: "oct", k: "x" }] }));
      await expect(createLocalIssuer({ issuerUrl: ISSUER_URL, dataDir: broken })).rejects.toThrow(
        /delete it/,
      );
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });

  it("rejects every forged or unacceptable token for the right reason", async () => {
    const expected: Record<string, string> = {
      "alg none": "The token's signing algorithm is not accepted",
      "HS256 signed with the public key": "The token's signing algorithm is not accepted",
      expired: "The token has expired",
      "not valid before a future time": "The token is not valid yet",
      "wrong issuer": 'The token\'s "iss" claim is not accepted',
      "wrong audience": 'The token\'s "aud" claim is not accepted',
      "unknown kid": "The token was signed by an unknown key",
      "signed by another key": "The token was signed by an unknown key",
      "tampered payload": "The token's signature is invalid",
      "no kid": "The token has no key id",
      "access token": "Only ID tokens are accepted",
      garbage: "The token is malformed",
    };
    const forged = await forgedTokens(issuer, dataDir);
    expect(Object.keys(forged).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, token] of Object.entries(forged)) {
      expect(await issuer.verify(token), name).toEqual({ ok: false, reason: expected[name] });
    }
  });

  it("checks the issuer URL as it is at verification time", async () => {
    let port = 1111;
    const moving = await createLocalIssuer({ issuerUrl: () => `http://localhost:${port}/_local` });
    const token = await moving.issueToken({ sub: "alice" });
    port = 2222;
    expect(await moving.verify(token)).toEqual({
      ok: false,
      reason: 'The token\'s "iss" claim is not accepted',
    });
  });
});
