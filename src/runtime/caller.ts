import type { APIGatewayProxyEvent } from "aws-lambda";

/** Who is calling, as the Cognito authorizer (or the local stage's emulation of it) vouches. */
export interface Caller {
  sub: string;
  email: string | null;
  groups: string[];
  claims: Record<string, string>;
}

/**
 * API Gateway REST hands Cognito claims over as strings: `cognito:groups` arrives as `"a,b"`, or as
 * `"[a b]"` depending on the path it took, so accept every form.
 */
export function callerFromEvent(event: APIGatewayProxyEvent): Caller | null {
  const claims = event.requestContext?.authorizer?.claims as Record<string, unknown> | undefined;
  if (!claims || typeof claims.sub !== "string" || claims.sub === "") return null;
  const stringClaims: Record<string, string> = {};
  for (const key of Object.keys(claims)) stringClaims[key] = String(claims[key]);
  return {
    sub: claims.sub,
    email: typeof claims.email === "string" ? claims.email : null,
    groups: parseGroups(claims["cognito:groups"]),
    claims: stringClaims,
  };
}

// A single group name is what most tokens carry: no need to split it.
const GROUP_LIST_SYNTAX = /[\s,[\]]/;

export function parseGroups(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw !== "string" || raw === "") return [];
  if (!GROUP_LIST_SYNTAX.test(raw)) return [raw];
  return raw
    .replace(/^\[|\]$/g, "")
    .split(/[\s,]+/)
    .filter(Boolean);
}

export function isInGroup(caller: Caller | null, group: string): boolean {
  return caller?.groups.includes(group) ?? false;
}
