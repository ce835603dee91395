import type { Client } from "@cellar/sdk/v2";
import { createApiClient } from "./api-client.js";
import type { AppConfig } from "./app-config.js";
import { cognitoSignIn } from "./cognito-sign-in.js";
import { localSignIn } from "./local-sign-in.js";
import type { SignInMethod, Tokens } from "./sign-in.js";

/** The signed-in user and the SDK client that carries their ID token. */
export interface Session {
  client: Client;
  method: SignInMethod;
  user(): string | undefined;
  signIn(user: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  onChange(listener: () => void): void;
}

const STORAGE_KEY = "cellar.session";

/**
 * Signs in with the pool `/config.json` names, or through the local stage's token endpoint when it
 * names none. Tokens live in sessionStorage; when the API answers 401 the SDK's refreshToken hook
 * renews them once (Cognito: REFRESH_TOKEN_AUTH), else the user is signed out.
 */
export function createSession(config: AppConfig): Session {
  const method = config.cognito ? cognitoSignIn(config.cognito) : localSignIn(config.apiBaseUrl);
  let tokens = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "null") as Tokens | null;
  const listeners: Array<() => void> = [];
  const save = (next: Tokens | null) => {
    tokens = next;
    if (tokens) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(tokens));
    else sessionStorage.removeItem(STORAGE_KEY);
    for (const listener of listeners) listener();
  };
  const client = createApiClient(config, {
    getToken: () => tokens?.idToken,
    refreshToken: async () => {
      save(tokens ? ((await method.refresh(tokens)) ?? null) : null);
      return tokens?.idToken;
    },
  });
  return {
    client,
    method,
    user: () => tokens?.user,
    async signIn(user, password) {
      save(await method.signIn(user, password));
    },
    async signOut() {
      const current = tokens;
      save(null);
      if (current) await method.signOut(current);
    },
    onChange: (listener) => listeners.push(listener),
  };
}
