/** The three callers the suite needs: an administrator, a user, and another user (for ownership). */
export interface Tokens {
  admin: string;
  user: string;
  otherUser: string;
}

export type TokenRole = keyof Tokens;

const LOCAL_TOKEN_PATH = "/_local/token";
const ROLE_GROUPS: Record<TokenRole, string[]> = { admin: ["admin"], user: [], otherUser: [] };
const ROLE_SUFFIX: Record<TokenRole, string> = { admin: "admin", user: "user", otherUser: "other-user" };

/**
 * Uses the tokens given (flags or env); mints the missing ones at the local stage's token endpoint,
 * with subjects unique to the run so reruns against the same stage never share a caller's state.
 */
export async function resolveTokens(
  endpoint: string,
  given: Partial<Tokens>,
  runId: string,
): Promise<{ tokens: Tokens; minted: TokenRole[] }> {
  const tokens: Partial<Tokens> = { ...given };
  const minted: TokenRole[] = [];
  for (const role of Object.keys(ROLE_GROUPS) as TokenRole[]) {
    if (tokens[role]) continue;
    tokens[role] = await mintLocalToken(endpoint, {
      sub: `contract-${runId}-${ROLE_SUFFIX[role]}`,
      groups: ROLE_GROUPS[role],
      email: `contract-${runId}-${ROLE_SUFFIX[role]}@example.com`,
    });
    minted.push(role);
  }
  return { tokens: tokens as Tokens, minted };
}

async function mintLocalToken(
  endpoint: string,
  claims: { sub: string; groups: string[]; email: string },
): Promise<string> {
  const url = `${endpoint.replace(/\/+$/, "")}${LOCAL_TOKEN_PATH}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(claims),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new Error(`Could not reach ${url} to obtain a token: ${(error as Error).message}`);
  }
  const text = await response.text();
  const token = response.ok ? (JSON.parse(text) as { token?: unknown }).token : undefined;
  if (typeof token !== "string") {
    throw new Error(
      `${url} answered ${response.status} ${text.slice(0, 200)}; a deployed stage has no token endpoint: ` +
        "pass --admin-token, --user-token and --other-user-token (or CONTRACT_ADMIN_TOKEN, CONTRACT_USER_TOKEN, CONTRACT_OTHER_USER_TOKEN)",
    );
  }
  return token;
}
