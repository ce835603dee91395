/** The three callers the suite needs: an administrator, a user, and another user (for ownership). */
export interface Tokens {
  admin: string;
  user: string;
  otherUser: string;
}

export type TokenRole = keyof Tokens;

export const TOKEN_ROLES: readonly TokenRole[] = ["admin", "user", "otherUser"];

/** Groups each caller belongs to; `admin` is the group `x-cellar-groups` names in openapi.yaml. */
export const ROLE_GROUPS: Record<TokenRole, readonly string[]> = {
  admin: ["admin"],
  user: [],
  otherUser: [],
};

/** How a role appears in subjects and user names: `contract-<runid>-other-user`. */
export const ROLE_SUFFIX: Record<TokenRole, string> = {
  admin: "admin",
  user: "user",
  otherUser: "other-user",
};

/** The e-mail a role's caller gets in this run; Cognito pools that sign in by e-mail use it as username. */
export function roleEmail(runId: string, role: TokenRole): string {
  return `contract-${runId}-${ROLE_SUFFIX[role]}@example.com`;
}
