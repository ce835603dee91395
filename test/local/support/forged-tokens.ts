import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { importJWK, type JWK, type JWTPayload, SignJWT } from "jose";
import { createLocalIssuer, LOCAL_JWKS_FILE, type LocalIssuer } from "../../../src/local/local-issuer.js";

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

export async function persistedPrivateJwk(dataDir: string): Promise<JWK> {
  const file = JSON.parse(await readFile(join(dataDir, LOCAL_JWKS_FILE), "utf8")) as { keys: JWK[] };
  return file.keys[0]!;
}

/**
 * Every way a token must be refused, built with the issuer's real private key where that matters, so
 * each case isolates exactly one defect.
 */
export async function forgedTokens(issuer: LocalIssuer, dataDir: string): Promise<Record<string, string>> {
  const jwk = await persistedPrivateJwk(dataDir);
  const key = await importJWK(jwk, "RS256");
  const now = Math.floor(Date.now() / 1000);
  const claims: JWTPayload = {
    sub: "mallory",
    token_use: "id",
    "cognito:groups": ["admin"],
    iss: issuer.issuerUrl(),
    aud: issuer.audience,
    iat: now,
    exp: now + 3600,
  };
  const sign = (payload: JWTPayload, header: Record<string, unknown> = {}) =>
    new SignJWT(payload).setProtectedHeader({ alg: "RS256", kid: issuer.kid, ...header }).sign(key);

  const valid = await sign(claims);
  const [header, , signature] = valid.split(".");
  const publicJwk = issuer.publicJwks().keys[0]!;
  const stranger = await createLocalIssuer({ issuerUrl: issuer.issuerUrl() });

  return {
    "alg none": `${b64url({ alg: "none", kid: issuer.kid, typ: "JWT" })}.${b64url(claims)}.`,
    "HS256 signed with the public key": await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256", kid: issuer.kid })
      .sign(new TextEncoder().encode(JSON.stringify(publicJwk))),
    expired: await sign({ ...claims, iat: now - 7200, exp: now - 3600 }),
    "not valid before a future time": await sign({ ...claims, nbf: now + 3600 }),
    "wrong issuer": await sign({
      ...claims,
      iss: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_evil",
    }),
    "wrong audience": await sign({ ...claims, aud: "someone-else" }),
    "unknown kid": await sign(claims, { kid: "not-our-key" }),
    "signed by another key": await stranger.issueToken({ sub: "mallory", groups: ["admin"] }),
    "tampered payload": `${header}.${b64url({ ...claims, sub: "admin" })}.${signature}`,
    "no kid": await new SignJWT(claims).setProtectedHeader({ alg: "RS256" }).sign(key),
    "access token": await sign({ ...claims, token_use: "access" }),
    garbage: "not-a-jwt",
  };
}
