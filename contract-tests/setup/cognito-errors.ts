import type { CognitoPoolConfig } from "./cognito-pool.js";

export type CognitoOperation =
  | "AdminCreateUser"
  | "AdminSetUserPassword"
  | "AdminAddUserToGroup"
  | "AdminInitiateAuth"
  | "AdminDeleteUser";

const CREDENTIAL_ERRORS = new Set([
  "AccessDeniedException",
  "UnrecognizedClientException",
  "ExpiredTokenException",
  "InvalidSignatureException",
  "CredentialsProviderError",
]);

/**
 * A one-line error naming the call, the pool and (when known) what to change: the SDK's own
 * messages ("Auth flow not enabled for this client") do not say which client or which setting.
 */
export function cognitoError(
  pool: CognitoPoolConfig,
  operation: CognitoOperation,
  error: unknown,
  username?: string,
): Error {
  const name = (error as { name?: unknown })?.name;
  const said = `${typeof name === "string" && name !== "Error" ? `${name}: ` : ""}${oneLine((error as Error)?.message ?? String(error))}`;
  const where = `Cognito ${operation} on pool ${pool.userPoolId}${username ? ` for ${username}` : ""}`;
  const advice = adviceFor(pool, operation, typeof name === "string" ? name : "", said);
  return new Error(
    advice ? `${where} failed: ${advice} (Cognito said ${said})` : `${where} failed: ${said}`,
    { cause: error },
  );
}

function adviceFor(pool: CognitoPoolConfig, operation: CognitoOperation, name: string, said: string) {
  if (operation === "AdminInitiateAuth" && name === "InvalidParameterException" && /flow/i.test(said)) {
    return (
      `app client ${pool.clientId} does not allow ADMIN_USER_PASSWORD_AUTH; enable authFlows.adminUserPassword ` +
      `on it (CDK UserPoolClient; console: ALLOW_ADMIN_USER_PASSWORD_AUTH) or pass a client that has it`
    );
  }
  if (operation === "AdminInitiateAuth" && /SECRET_HASH|secret/i.test(said)) {
    return `app client ${pool.clientId} has a client secret; pass a client without one (generateSecret: false)`;
  }
  if (operation === "AdminAddUserToGroup" && (name === "ResourceNotFoundException" || name === "Unknown")) {
    return `the pool needs a group named admin (the group x-cellar-groups names)`;
  }
  if (name === "ResourceNotFoundException") {
    return `check --cognito-user-pool-id, --cognito-client-id and --cognito-region (${pool.region})`;
  }
  if (CREDENTIAL_ERRORS.has(name)) {
    return (
      "the AWS credentials in use may not call cognito-idp:AdminCreateUser, AdminSetUserPassword, " +
      "AdminAddUserToGroup, AdminInitiateAuth and AdminDeleteUser on this pool"
    );
  }
  return undefined;
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
