import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import type { CognitoConfig } from "../../examples/mobile-web/src/app-config.js";
import { ALGORITHM, describeRejection, type LocalIssuer, type VerifyResult } from "./local-issuer.js";

/**
 * A user pool's issuer: `https://cognito-idp.<region>.amazonaws.com/<poolId>` for Cognito, and
 * `<endpoint>/<poolId>` for cognito-local (whose tokens name its own origin).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html
 */
export function cognitoPoolIssuer(pool: CognitoConfig): string {
  const origin = pool.endpoint ?? `https://cognito-idp.${pool.region}.amazonaws.com`;
  return `${origin}/${pool.userPoolId}`;
}

/**
 * Verifies a pool's ID tokens the way API Gateway's Cognito authorizer does when a method has no
 * OAuth scopes: signature against the pool's JWKS, issuer, expiry, `token_use: id` and the app
 * client as audience. Access tokens are refused, as the gateway refuses them there.
 */
export function createCognitoPoolTrust(pool: CognitoConfig): (token: string) => Promise<VerifyResult> {
  const issuer = cognitoPoolIssuer(pool);
  const keys = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
  return async (token) => {
    try {
      if (!decodeProtectedHeader(token).kid) return { ok: false, reason: "The token has no key id" };
      const { payload } = await jwtVerify(token, keys, {
        algorithms: [ALGORITHM],
        issuer,
        audience: pool.clientId,
        requiredClaims: ["sub", "exp", "iat"],
      });
      if (payload.token_use !== "id") return { ok: false, reason: "Only ID tokens are accepted" };
      return { ok: true, claims: payload };
    } catch (error) {
      return { ok: false, reason: describeRejection(error) };
    }
  };
}

/**
 * The local issuer, trusting the pool's tokens too: a token goes to the verifier its (unverified)
 * `iss` names, and each verifier checks the issuer again, so naming the other one gains nothing.
 */
export function trustCognitoPool(issuer: LocalIssuer, pool: CognitoConfig | undefined): LocalIssuer {
  if (!pool) return issuer;
  const poolIssuer = cognitoPoolIssuer(pool);
  const verifyPoolToken = createCognitoPoolTrust(pool);
  return {
    ...issuer,
    async verify(token) {
      let iss: unknown;
      try {
        iss = decodeJwt(token).iss;
      } catch {
        return { ok: false, reason: "The token is malformed" };
      }
      return iss === poolIssuer ? verifyPoolToken(token) : issuer.verify(token);
    },
  };
}
