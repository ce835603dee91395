import type { CognitoPoolConfig } from "./cognito-pool.js";
import { CognitoTestUsers } from "./cognito-users.js";
import {
  ROLE_GROUPS,
  ROLE_SUFFIX,
  roleEmail,
  TOKEN_ROLES,
  type TokenRole,
  type Tokens,
} from "./token-roles.js";

export type { TokenRole, Tokens } from "./token-roles.js";

const LOCAL_TOKEN_PATH = "/_local/token";

export interface ResolvedTokens {
  tokens: Tokens;
  /** How they were obtained, for the log: `given`, `minted at /_local/token`, `signed in 3 test users at ...`. */
  source: string;
  /** The Cognito users made for the run, when any: the caller removes them with `removeAll()`. */
  cognitoUsers?: CognitoTestUsers;
}

/**
 * Per role: the token given (flags or env); else a test user signed in at the Cognito pool, when one
 * is configured; else a token minted at the local stage's token endpoint. Users and subjects are
 * unique to the run, so reruns against the same stage never share a caller's state.
 */
export async function resolveTokens(
  endpoint: string,
  given: Partial<Tokens>,
  runId: string,
  cognito?: CognitoPoolConfig,
): Promise<ResolvedTokens> {
  const tokens: Partial<Tokens> = { ...given };
  const givenRoles = TOKEN_ROLES.filter((role) => tokens[role]);
  const missing = TOKEN_ROLES.filter((role) => !tokens[role]);
  const sources = givenRoles.length > 0 ? [`given${rolesNote(givenRoles)}`] : [];
  if (missing.length === 0) return { tokens: tokens as Tokens, source: sources.join("; ") };

  if (cognito) {
    const cognitoUsers = new CognitoTestUsers(cognito, runId);
    try {
      Object.assign(tokens, await cognitoUsers.signIn(missing));
    } catch (error) {
      // Nobody else knows these users yet: remove the ones that were made before giving up.
      const cleanup = await cognitoUsers.removeAll().then(
        () => "",
        (cleanupError: Error) => `; also: ${cleanupError.message}`,
      );
      throw new Error(`${(error as Error).message}${cleanup}`, { cause: error });
    }
    const count = `${missing.length} test user${missing.length === 1 ? "" : "s"}`;
    sources.push(`signed in ${count}${rolesNote(missing)} at Cognito pool ${cognito.userPoolId}`);
    return { tokens: tokens as Tokens, source: sources.join("; "), cognitoUsers };
  }

  for (const role of missing) {
    tokens[role] = await mintLocalToken(endpoint, {
      sub: `contract-${runId}-${ROLE_SUFFIX[role]}`,
      groups: [...ROLE_GROUPS[role]],
      email: roleEmail(runId, role),
    });
  }
  sources.push(`minted${rolesNote(missing)} at ${LOCAL_TOKEN_PATH}`);
  return { tokens: tokens as Tokens, source: sources.join("; ") };
}

/** Names the roles only when not all three came from the same place. */
const rolesNote = (roles: readonly TokenRole[]) =>
  roles.length === TOKEN_ROLES.length ? "" : ` (${roles.join(", ")})`;

async function mintLocalToken(
  endpoint: string,
  claims: { sub: string; groups: string[]; email: string },
): Promise<string> {
  const url = `${endpoint.replace(/\/+$/, "")}${LOCAL_TOKEN_PATH}`;
  const mint = () =>
    fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(claims),
      signal: AbortSignal.timeout(15_000),
    });
  let response: Response;
  try {
    // Once more on a connection that failed before any answer: a kept-alive socket the server closed
    // just as it was reused (minting a token twice is harmless).
    response = await mint().catch((error: unknown) => {
      if (error instanceof TypeError && error.message === "fetch failed") return mint();
      throw error;
    });
  } catch (error) {
    throw new Error(`Could not reach ${url} to obtain a token: ${(error as Error).message}`);
  }
  const text = await response.text();
  const token = response.ok ? (JSON.parse(text) as { token?: unknown }).token : undefined;
  if (typeof token !== "string") {
    throw new Error(
      `${url} answered ${response.status} ${text.slice(0, 200)}; a deployed stage has no token endpoint: ` +
        "sign in test users at its Cognito pool (npm run contract: --cognito-user-pool-id, --cognito-client-id) " +
        "or pass --admin-token, --user-token and --other-user-token (or their CONTRACT_* environment variables)",
    );
  }
  return token;
}
