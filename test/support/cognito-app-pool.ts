import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { CognitoConfig } from "../../examples/mobile-web/src/app-config.js";
import {
  type CognitoLocal,
  type CognitoLocalOptions,
  startCognitoLocal,
} from "../../release/testing/cognito-local.js";

import { createConfirmedUser, ensureAppPool } from "../../tools/cognito-local/app-pool.js";

export { APP_CLIENT_FLOWS } from "../../tools/cognito-local/app-pool.js";

export interface CognitoAppPool {
  /** What the local stage takes as COGNITO_* and `/config.json` hands the demo. */
  config: CognitoConfig;
  admin: CognitoIdentityProviderClient;
  /** A confirmed user with a permanent password; returns its `sub`. */
  createUser(email: string, password: string): Promise<string>;
  /** Signs in as the demo does, through InitiateAuth USER_PASSWORD_AUTH. */
  signIn(email: string, password: string): Promise<{ idToken: string; refreshToken: string }>;
  refresh(refreshToken: string): Promise<string>;
  stop(): Promise<void>;
}

/** A real cognito-local with a pool and app client shaped like the Identity stack's. */
export async function startCognitoAppPool(options: CognitoLocalOptions = {}): Promise<CognitoAppPool> {
  const cognito: CognitoLocal = await startCognitoLocal(options);
  const region = "us-east-1";
  const admin = new CognitoIdentityProviderClient({
    region,
    endpoint: cognito.endpoint,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  try {
    const { userPoolId, clientId } = await ensureAppPool(admin);
    const config: CognitoConfig = { region, userPoolId, clientId, endpoint: cognito.endpoint };
    const authenticate = async (
      AuthFlow: "USER_PASSWORD_AUTH" | "REFRESH_TOKEN_AUTH",
      params: Record<string, string>,
    ) => {
      const { AuthenticationResult } = await admin.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow, AuthParameters: params }),
      );
      if (!AuthenticationResult?.IdToken) throw new Error(`${AuthFlow} returned no ID token`);
      return AuthenticationResult;
    };
    return {
      config,
      admin,
      createUser: (email, password) => createConfirmedUser(admin, userPoolId, email, password),
      async signIn(email, password) {
        const result = await authenticate("USER_PASSWORD_AUTH", { USERNAME: email, PASSWORD: password });
        return { idToken: result.IdToken!, refreshToken: result.RefreshToken! };
      },
      async refresh(refreshToken) {
        return (await authenticate("REFRESH_TOKEN_AUTH", { REFRESH_TOKEN: refreshToken })).IdToken!;
      },
      async stop() {
        admin.destroy();
        await cognito.stop();
      },
    };
  } catch (error) {
    admin.destroy();
    await cognito.stop();
    throw error;
  }
}
