import type { JWTPayload } from "jose";
import type { LocalIssuer } from "./local-issuer.js";

export type AuthorizerResult =
  | { ok: true; claims: Record<string, string> }
  | { ok: false; reason: "missing-token" | "invalid-token"; detail: string };

/** Cognito user pool authorizers take the raw token; a `Bearer ` prefix is accepted as well. */
export function extractToken(authorization: string | undefined): string | undefined {
  const value = authorization?.trim();
  if (!value) return undefined;
  // A bare "Bearer" is a scheme with no credentials, not a token called "Bearer".
  const bearer = /^bearer(?:\s+(.*))?$/i.exec(value);
  const token = (bearer ? (bearer[1] ?? "") : value).trim();
  return token === "" ? undefined : token;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (value: number) => String(value).padStart(2, "0");

/** API Gateway renders `exp` and `iat` with Java's `Date.toString()` in UTC, e.g. `Fri Jul 29 18:52:53 UTC 2016`. */
export function formatJavaUtcDate(epochSeconds: number): string {
  const date = new Date(epochSeconds * 1000);
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${pad(date.getUTCDate())} ${time} UTC ${date.getUTCFullYear()}`;
}

const JAVA_DATE_CLAIMS = new Set(["exp", "iat"]);

/**
 * The REST proxy integration hands claims to the Lambda as a string map: arrays are comma-joined,
 * numbers and booleans stringified, and `exp`/`iat` become dates. Handlers must not see richer types
 * locally than they will in production.
 */
export function stringifyClaims(payload: JWTPayload): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined || value === null) continue;
    if (JAVA_DATE_CLAIMS.has(name) && typeof value === "number") claims[name] = formatJavaUtcDate(value);
    else if (Array.isArray(value)) claims[name] = value.map(String).join(",");
    else if (typeof value === "object") claims[name] = JSON.stringify(value);
    else claims[name] = String(value);
  }
  return claims;
}

export async function runCognitoAuthorizer(
  authorization: string | undefined,
  issuer: LocalIssuer,
): Promise<AuthorizerResult> {
  const token = extractToken(authorization);
  if (!token) {
    return {
      ok: false,
      reason: "missing-token",
      detail: "This operation requires an Authorization: Bearer token",
    };
  }
  const verified = await issuer.verify(token);
  if (!verified.ok) return { ok: false, reason: "invalid-token", detail: verified.reason };
  return { ok: true, claims: stringifyClaims(verified.claims) };
}
