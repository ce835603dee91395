import { type CognitoPoolConfig, regionOfUserPoolId } from "./setup/cognito-pool.js";

/** parseArgs declarations of the Cognito flags, for every command that signs in test users. */
export const COGNITO_ARGS = {
  "cognito-user-pool-id": { type: "string" },
  "cognito-client-id": { type: "string" },
  "cognito-region": { type: "string" },
  "cognito-endpoint": { type: "string" },
} as const;

// cognito-local ignores the region, but the SDK needs one to sign requests.
const EMULATOR_REGION = "us-east-1";

/**
 * The pool to sign test users in at, from flags or `CONTRACT_COGNITO_*`; undefined when neither a
 * pool nor a client is set. The region defaults to the pool id's prefix (`eu-west-1_AbC`); a pool
 * without one (cognito-local's `local_...`) needs --cognito-region, unless --cognito-endpoint says
 * it is an emulator, where any region does.
 */
export function readCognitoOptions(
  values: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  usageError: (message: string) => Error,
): CognitoPoolConfig | undefined {
  const read = (flag: keyof typeof COGNITO_ARGS, variable: string) =>
    (values[flag] as string | undefined) || env[variable] || undefined;
  const userPoolId = read("cognito-user-pool-id", "CONTRACT_COGNITO_USER_POOL_ID");
  const clientId = read("cognito-client-id", "CONTRACT_COGNITO_CLIENT_ID");
  const region = read("cognito-region", "CONTRACT_COGNITO_REGION");
  const endpoint = read("cognito-endpoint", "CONTRACT_COGNITO_ENDPOINT");
  if (!userPoolId && !clientId) {
    const stray = (["cognito-region", "cognito-endpoint"] as const).find((flag) => values[flag]);
    if (stray) throw usageError(`--${stray} needs --cognito-user-pool-id and --cognito-client-id`);
    return undefined;
  }
  if (!userPoolId) throw usageError("--cognito-client-id needs --cognito-user-pool-id");
  if (!clientId) throw usageError("--cognito-user-pool-id needs --cognito-client-id");
  if (endpoint && !/^https?:\/\/[^/]+/i.test(endpoint))
    throw usageError(`--cognito-endpoint must be an http(s) URL, got ${endpoint}`);
  const resolvedRegion = region ?? regionOfUserPoolId(userPoolId) ?? (endpoint ? EMULATOR_REGION : undefined);
  if (!resolvedRegion) {
    throw usageError(
      `--cognito-region is required: the pool id ${userPoolId} does not start with a region (like eu-west-1_...)`,
    );
  }
  return { userPoolId, clientId, region: resolvedRegion, ...(endpoint ? { endpoint } : {}) };
}
