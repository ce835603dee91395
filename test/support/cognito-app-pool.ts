import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { CognitoConfig } from "../../examples/mobile-web/src/app-config.js";
import {
  type CognitoLocal,
  type CognitoLocalOptions,
  startCognitoLocal,
} from "../../release/testing/cognito-local.js";

/**
 * The flows the Identity stack's public app client allows (infra/stacks/identity.stack.ts):
 * SRP for real devices, USER_PASSWORD_AUTH for cognito-local (which lacks SRP), refresh.
 */
export const APP_CLIENT_FLOWS = [
  "ALLOW_USER_SRP_AUTH",
  "ALLOW_USER_PASSWORD_AUTH",
  "ALLOW_REFRESH_TOKEN_AUTH",
] as const;

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
    const { UserPool } = await admin.send(
      new CreateUserPoolCommand({ PoolName: "cellar-users", UsernameAttributes: ["email"] }),
    );
    const userPoolId = UserPool?.Id;
    if (!userPoolId) throw new Error("cognito-local created no user pool");
    const { UserPoolClient } = await admin.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: "cellar-app",
        ExplicitAuthFlows: [...APP_CLIENT_FLOWS],
      }),
    );
    const clientId = UserPoolClient?.ClientId;
    if (!clientId) throw new Error("cognito-local created no app client");
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
      async createUser(email, password) {
        const { User } = await admin.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: email,
            UserAttributes: [
              { Name: "email", Value: email },
              { Name: "email_verified", Value: "true" },
            ],
            MessageAction: "SUPPRESS",
          }),
        );
        await admin.send(
          new AdminSetUserPasswordCommand({
            UserPoolId: userPoolId,
            Username: email,
            Password: password,
            Permanent: true,
          }),
        );
        const sub = User?.Attributes?.find((attribute) => attribute.Name === "sub")?.Value;
        if (!sub) throw new Error("cognito-local gave the user no sub");
        return sub;
      },
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
