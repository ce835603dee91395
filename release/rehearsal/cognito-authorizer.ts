import { createRemoteJWKSet, jwtVerify } from "jose";
import type { LocalIssuer } from "../../src/local/local-issuer.js";

const USER_POOL_ARN = /^arn:aws[a-z-]*:cognito-idp:([^:]+):[^:]*:userpool\/([^/]+)$/;

/**
 * The issuer of a user pool's tokens: Cognito's is `https://cognito-idp.<region>.amazonaws.com/<poolId>`
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html);
 * cognito-local's is `<its endpoint>/<poolId>`, with `localhost` as the host whatever address it listens on.
 */
export function issuerForPool(poolArn: string, emulatorEndpoint?: string): string {
  const match = USER_POOL_ARN.exec(poolArn);
  if (!match) throw new Error(`${poolArn} is not a Cognito user pool ARN`);
  const [, region, poolId] = match;
  if (!emulatorEndpoint) return `https://cognito-idp.${region}.amazonaws.com/${poolId}`;
  return `${emulatorEndpoint.replace("127.0.0.1", "localhost").replace(/\/+$/, "")}/${poolId}`;
}

/**
 * A rehearsed region's Cognito authorizer, for the pool its imported definition names: RS256 against
 * the pool's JWKS, the pool's issuer, not expired, and an ID token (with no scopes on a method, API
 * Gateway's Cognito authorizer takes the ID token:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html).
 * Shaped as the local stage's issuer, but it issues nothing: `/_local/token` does not exist on AWS.
 */
export function cognitoPoolAuthorizer(issuer: string): LocalIssuer {
  const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
  const refuse = (): never => {
    throw new Error("a rehearsed region issues no tokens: sign in at its Cognito user pool");
  };
  return {
    kid: "",
    audience: "",
    issuerUrl: () => issuer,
    issueToken: async () => refuse(),
    publicJwks: () => ({ keys: [] }),
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, jwks, { issuer, algorithms: ["RS256"] });
        if (payload.token_use !== "id") return { ok: false, reason: "The token is not an ID token" };
        return { ok: true, claims: payload };
      } catch (error) {
        return { ok: false, reason: `The token was refused: ${(error as Error).message}` };
      }
    },
  };
}
