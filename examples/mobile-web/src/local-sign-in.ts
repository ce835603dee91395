import type { SignInMethod } from "./sign-in.js";

/**
 * The local stage's token mint (`POST /_local/token`), for a stage started without a user pool: any
 * name signs in, no password. Production answers that path 404, so a deployed app never gets here.
 */
export function localSignIn(apiBaseUrl: string): SignInMethod {
  const mint = async (sub: string): Promise<string> => {
    const response = await fetch(`${apiBaseUrl}/_local/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sub }),
    });
    if (!response.ok) throw new Error(`Sign-in failed (${response.status})`);
    return ((await response.json()) as { token: string }).token;
  };
  return {
    kind: "local",
    signIn: async (user) => ({ user, idToken: await mint(user) }),
    refresh: async (tokens) => ({ user: tokens.user, idToken: await mint(tokens.user) }),
    signOut: async () => {},
  };
}
