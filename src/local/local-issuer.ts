import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  decodeProtectedHeader,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from "jose";

export const LOCAL_AUDIENCE = "cellar-local";
export const LOCAL_JWKS_FILE = "local-jwks.json";
export const ALGORITHM = "RS256";
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi"] as const;

export interface LocalIssuerOptions {
  /** `iss` of issued tokens. A function, because the port may only be known after `listen()`. */
  issuerUrl: string | (() => string);
  /** Where `local-jwks.json` lives, so tokens survive restarts; omitted means an ephemeral key. */
  dataDir?: string;
  audience?: string;
}

export interface IssueTokenInput {
  sub: string;
  groups?: string[];
  email?: string;
  expiresInSeconds?: number;
}

export type VerifyResult = { ok: true; claims: JWTPayload } | { ok: false; reason: string };

export interface LocalIssuer {
  readonly kid: string;
  readonly audience: string;
  issuerUrl(): string;
  issueToken(input: IssueTokenInput): Promise<string>;
  verify(token: string): Promise<VerifyResult>;
  publicJwks(): { keys: JWK[] };
}

export function localIssuerUrl(port: number): string {
  return `http://localhost:${port}/_local`;
}

async function generatePrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: ALGORITHM, use: "sig" };
}

function assertPrivateRsaJwk(value: unknown, file: string): JWK {
  const key = (value as { keys?: unknown[] } | null)?.keys?.[0] as JWK | undefined;
  if (key?.kty !== "RSA" || typeof key.kid !== "string" || typeof key.d !== "string") {
    throw new Error(`${file} does not hold an RSA private JWK with a kid; delete it to mint a new key`);
  }
  return key;
}

/** Loads the persisted key, or creates it; written via rename so a crash never leaves half a file. */
async function loadOrCreatePrivateJwk(dataDir: string): Promise<JWK> {
  const file = join(dataDir, LOCAL_JWKS_FILE);
  try {
    return assertPrivateRsaJwk(JSON.parse(await readFile(file, "utf8")), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const jwk = await generatePrivateJwk();
  await mkdir(dataDir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify({ keys: [jwk] }, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
  return jwk;
}

/** Why jose refused a token, in words a 401's detail may carry (shared with cognito-pool-trust.ts). */
export function describeRejection(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "The token has expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "nbf") return "The token is not valid yet";
    return `The token's "${error.claim}" claim is not accepted`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return "The token's signing algorithm is not accepted";
  if (error instanceof errors.JWKSNoMatchingKey) return "The token was signed by an unknown key";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "The token's signature is invalid";
  return "The token is malformed";
}

export async function createLocalIssuer(options: LocalIssuerOptions): Promise<LocalIssuer> {
  const privateJwk = options.dataDir
    ? await loadOrCreatePrivateJwk(options.dataDir)
    : await generatePrivateJwk();
  const kid = privateJwk.kid!;
  const signingKey = await importJWK(privateJwk, ALGORITHM);
  const publicJwk: JWK = { ...privateJwk };
  for (const member of PRIVATE_MEMBERS) delete publicJwk[member];
  const keySet = createLocalJWKSet({ keys: [publicJwk] });
  const audience = options.audience ?? LOCAL_AUDIENCE;
  const issuerUrl =
    typeof options.issuerUrl === "function" ? options.issuerUrl : () => options.issuerUrl as string;

  return {
    kid,
    audience,
    issuerUrl,
    publicJwks: () => ({ keys: [{ ...publicJwk }] }),

    async issueToken({ sub, groups = [], email, expiresInSeconds = 3600 }) {
      if (!Number.isInteger(expiresInSeconds) || expiresInSeconds <= 0) {
        throw new RangeError("expiresInSeconds must be a positive integer");
      }
      const now = Math.floor(Date.now() / 1000);
      // Shaped like a Cognito ID token, which is what the REST Cognito authorizer accepts without scopes.
      const claims: JWTPayload = { token_use: "id", "cognito:username": sub };
      // Cognito leaves the claim out entirely for users in no group.
      if (groups.length > 0) claims["cognito:groups"] = groups;
      if (email !== undefined) claims.email = email;
      return new SignJWT(claims)
        .setProtectedHeader({ alg: ALGORITHM, kid, typ: "JWT" })
        .setSubject(sub)
        .setIssuer(issuerUrl())
        .setAudience(audience)
        .setIssuedAt(now)
        .setExpirationTime(now + expiresInSeconds)
        .sign(signingKey);
    },

    async verify(token) {
      try {
        // Cognito always sets a kid; a token without one cannot have come from this issuer.
        if (!decodeProtectedHeader(token).kid) return { ok: false, reason: "The token has no key id" };
        const { payload } = await jwtVerify(token, keySet, {
          algorithms: [ALGORITHM],
          issuer: issuerUrl(),
          audience,
          requiredClaims: ["sub", "exp", "iat"],
        });
        if (payload.token_use !== "id") return { ok: false, reason: "Only ID tokens are accepted" };
        return { ok: true, claims: payload };
      } catch (error) {
        return { ok: false, reason: describeRejection(error) };
      }
    },
  };
}
