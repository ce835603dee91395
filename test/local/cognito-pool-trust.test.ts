import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localAppConfig } from "../../src/local/app-config-endpoint.js";
import { cognitoPoolIssuer, trustCognitoPool } from "../../src/local/cognito-pool-trust.js";
import { createLocalIssuer, type LocalIssuer } from "../../src/local/local-issuer.js";
import { startSdkStage } from "../sdk/support/sdk-stage.js";
import { type CognitoAppPool, startCognitoAppPool } from "../support/cognito-app-pool.js";

const PASSWORD = "Correct-Horse-9";
let pool: CognitoAppPool;
let local: LocalIssuer;
let trusted: LocalIssuer;
let sub = "";

beforeAll(async () => {
  pool = await startCognitoAppPool();
  sub = await pool.createUser("carol@example.com", PASSWORD);
  local = await createLocalIssuer({ issuerUrl: "http://localhost:3000/_local" });
  trusted = trustCognitoPool(local, pool.config);
}, 60_000);

afterAll(() => pool?.stop());

describe("the local stage trusting a user pool (cognito-local)", () => {
  it("names the issuer as the pool's tokens do: cognito-local's origin, or Cognito's regional endpoint", async () => {
    const { idToken } = await pool.signIn("carol@example.com", PASSWORD);
    expect(decodeJwt(idToken).iss).toBe(cognitoPoolIssuer(pool.config));
    expect(cognitoPoolIssuer({ region: "eu-west-1", userPoolId: "eu-west-1_AbC", clientId: "c" })).toBe(
      "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC",
    );
  });

  it("accepts the pool's ID token, checked against its JWKS", async () => {
    const { idToken } = await pool.signIn("carol@example.com", PASSWORD);
    await expect(trusted.verify(idToken)).resolves.toMatchObject({
      ok: true,
      claims: { sub, token_use: "id", aud: pool.config.clientId },
    });
  });

  it("still accepts the local issuer's own tokens", async () => {
    const token = await local.issueToken({ sub: "dave" });
    await expect(trusted.verify(token)).resolves.toMatchObject({ ok: true, claims: { sub: "dave" } });
  });

  it("refuses the pool's tokens when no pool is trusted", async () => {
    const { idToken } = await pool.signIn("carol@example.com", PASSWORD);
    expect(trustCognitoPool(local, undefined)).toBe(local);
    await expect(local.verify(idToken)).resolves.toMatchObject({ ok: false });
  });

  it("refuses a token of the pool for another app client", async () => {
    const other = trustCognitoPool(local, { ...pool.config, clientId: "someone-elses-client" });
    const { idToken } = await pool.signIn("carol@example.com", PASSWORD);
    await expect(other.verify(idToken)).resolves.toEqual({
      ok: false,
      reason: 'The token\'s "aud" claim is not accepted',
    });
  });

  it("refuses a token whose signature does not match the pool's key", async () => {
    const { idToken } = await pool.signIn("carol@example.com", PASSWORD);
    const [header, payload] = idToken.split(".");
    const forged = `${header}.${payload}.${Buffer.from("forged").toString("base64url")}`;
    await expect(trusted.verify(forged)).resolves.toEqual({
      ok: false,
      reason: "The token's signature is invalid",
    });
  });

  it("lets a pool user call a secured operation on the stage, and names the pool in /config.json", async () => {
    const stage = await startSdkStage({ cognito: pool.config });
    const { origin } = stage;
    try {
      const { idToken } = await pool.signIn("carol@example.com", PASSWORD);
      const me = await fetch(`${origin}/v2/me/favorites`, {
        headers: { authorization: `Bearer ${idToken}` },
      });
      expect(me.status).toBe(200);
      const anonymous = await fetch(`${origin}/v2/me/favorites`);
      expect(anonymous.status).toBe(401);
      const config = await fetch(`${origin}/config.json`);
      expect(config.headers.get("cache-control")).toBe("no-store");
      await expect(config.json()).resolves.toEqual({ apiBaseUrl: origin, cognito: pool.config });
    } finally {
      await stage.close();
    }
  });

  it("leaves a pool out of /config.json while its emulator is not running: the demo falls back to /_local/token", async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, "127.0.0.1", done));
    const { port } = closed.address() as AddressInfo;
    await new Promise((done) => closed.close(done));
    const stopped = { ...pool.config, endpoint: `http://127.0.0.1:${port}` };
    await expect(localAppConfig("http://localhost:3000", stopped)).resolves.toEqual({
      apiBaseUrl: "http://localhost:3000",
    });
    await expect(localAppConfig("http://localhost:3000", pool.config)).resolves.toEqual({
      apiBaseUrl: "http://localhost:3000",
      cognito: pool.config,
    });
    // Cognito itself is not probed: a real pool is always named.
    const real = { region: "eu-west-1", userPoolId: "eu-west-1_AbC", clientId: "app" };
    await expect(localAppConfig("http://localhost:3000", real)).resolves.toEqual({
      apiBaseUrl: "http://localhost:3000",
      cognito: real,
    });
  });
});
