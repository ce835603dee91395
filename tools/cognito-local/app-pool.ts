import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from "@aws-sdk/client-cognito-identity-provider";

/**
 * The flows the Identity stack's public app client allows (infra/stacks/identity.stack.ts; a test
 * says they agree): SRP for real devices, USER_PASSWORD_AUTH for cognito-local (no SRP), refresh.
 */
export const APP_CLIENT_FLOWS = [
  "ALLOW_USER_SRP_AUTH",
  "ALLOW_USER_PASSWORD_AUTH",
  "ALLOW_REFRESH_TOKEN_AUTH",
] as const;
export const LOCAL_POOL_NAME = "cellar-users";
export const LOCAL_APP_CLIENT_NAME = "cellar-app";

/** A pool and public app client shaped like the Identity stack's: found by name, else created. */
export async function ensureAppPool(
  cognito: CognitoIdentityProviderClient,
): Promise<{ userPoolId: string; clientId: string }> {
  const { UserPools = [] } = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  let userPoolId = UserPools.find((pool) => pool.Name === LOCAL_POOL_NAME)?.Id;
  if (!userPoolId) {
    const { UserPool } = await cognito.send(
      new CreateUserPoolCommand({ PoolName: LOCAL_POOL_NAME, UsernameAttributes: ["email"] }),
    );
    userPoolId = UserPool?.Id;
  }
  if (!userPoolId) throw new Error("cognito-local created no user pool");
  const { UserPoolClients = [] } = await cognito.send(
    new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }),
  );
  let clientId = UserPoolClients.find((client) => client.ClientName === LOCAL_APP_CLIENT_NAME)?.ClientId;
  if (!clientId) {
    const { UserPoolClient } = await cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: LOCAL_APP_CLIENT_NAME,
        ExplicitAuthFlows: [...APP_CLIENT_FLOWS],
      }),
    );
    clientId = UserPoolClient?.ClientId;
  }
  if (!clientId) throw new Error("cognito-local created no app client");
  return { userPoolId, clientId };
}

/** A confirmed user with a permanent password (no invitation e-mail); returns its `sub`. */
export async function createConfirmedUser(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  email: string,
  password: string,
): Promise<string> {
  const { User } = await cognito.send(
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
  await cognito.send(
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
}
