import { type Client, createClient } from "@cellar/sdk/v2";

/** The signed-in user and the SDK client that carries their token. */
export interface Session {
  client: Client;
  user(): string | undefined;
  signIn(user: string): Promise<void>;
  signOut(): void;
  onChange(listener: () => void): void;
}

const STORAGE_KEY = "cellar.session";

/**
 * Signs in through the local stage's token endpoint (a stand-in for Cognito's hosted UI in the real
 * app). The token lives in sessionStorage; when the API answers 401 the SDK's refreshToken hook
 * mints a new one for the same user, once.
 */
export function createSession(baseUrl: string, apiKey: string): Session {
  const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "null") as {
    user: string;
    token: string;
  } | null;
  let user = stored?.user;
  let token = stored?.token;
  const listeners: Array<() => void> = [];
  const save = () => {
    if (user && token) sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ user, token }));
    else sessionStorage.removeItem(STORAGE_KEY);
    for (const listener of listeners) listener();
  };
  const mint = async (sub: string): Promise<string> => {
    const response = await fetch(`${baseUrl}/_local/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sub }),
    });
    if (!response.ok) throw new Error(`Sign-in failed (${response.status})`);
    return ((await response.json()) as { token: string }).token;
  };
  const client = createClient({
    baseUrl,
    apiKey,
    getToken: () => token,
    refreshToken: async () => {
      token = user ? await mint(user) : undefined;
      save();
      return token;
    },
    timeoutMs: 10_000,
  });
  return {
    client,
    user: () => user,
    async signIn(name) {
      token = await mint(name);
      user = name;
      save();
    },
    signOut() {
      user = undefined;
      token = undefined;
      save();
    },
    onChange: (listener) => listeners.push(listener),
  };
}
