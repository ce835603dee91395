/** The claims the suite cares about, read (not verified) from a JWT so probes know who calls. */
export interface CallerClaims {
  sub: string;
  groups: string[];
  email?: string;
}

export function readClaims(token: string): CallerClaims {
  const payload = token.split(".")[1];
  if (!payload) throw new Error("The token is not a JWT (no payload segment)");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
  if (typeof claims.sub !== "string") throw new Error("The token has no sub claim");
  const groups = claims["cognito:groups"];
  return {
    sub: claims.sub,
    groups: Array.isArray(groups) ? groups.filter((group): group is string => typeof group === "string") : [],
    ...(typeof claims.email === "string" ? { email: claims.email } : {}),
  };
}
