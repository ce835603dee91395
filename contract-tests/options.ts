import { parseArgs } from "node:util";
import { UsageError } from "../tools/cli/command-line.js";
import { COGNITO_ARGS, readCognitoOptions } from "./cognito-options.js";
import type { CognitoPoolConfig } from "./setup/cognito-pool.js";
import type { Tokens } from "./setup/tokens.js";

export type Part = "dredd" | "checks";

export interface SuiteOptions {
  endpoint: string;
  /** Tokens given by flag or environment; the rest come from `cognito`, or else the local token endpoint. */
  tokens: Partial<Tokens>;
  /** A user pool to sign the run's test users in at (and remove them from afterwards). */
  cognito?: CognitoPoolConfig;
  /** Run only one part; both when absent. */
  only?: Part;
  /** Sent as `x-api-key` on every operation that requires a partner key. */
  apiKey?: string;
  /** A key whose usage plan quota is small: spent once, it lets the probes see each operation's 429. */
  lowQuotaApiKey?: string;
}

// The shared usage error: the CLI prints it as one line and exits 2 (tools/cli/command-line.ts).
export { UsageError };

export const USAGE = `Usage: npm run contract -- --endpoint <url> [options]

Runs the contract suite against any stage: Dredd over every documented 2xx response of /v1 and /v2,
then our own probes for every documented status of every operation.

Options:
  --endpoint <url>            The stage to test, e.g. http://localhost:3000 (env CONTRACT_ENDPOINT)
  --admin-token <jwt>         A token in the admin group          (env CONTRACT_ADMIN_TOKEN)
  --user-token <jwt>          A token of a user without groups    (env CONTRACT_USER_TOKEN)
  --other-user-token <jwt>    A token of a second such user       (env CONTRACT_OTHER_USER_TOKEN)
  --cognito-user-pool-id <id> Sign in test users at this pool     (env CONTRACT_COGNITO_USER_POOL_ID)
  --cognito-client-id <id>    ...with this app client             (env CONTRACT_COGNITO_CLIENT_ID)
  --cognito-region <region>   Default: the pool id's prefix       (env CONTRACT_COGNITO_REGION)
  --cognito-endpoint <url>    Another endpoint: cognito-local     (env CONTRACT_COGNITO_ENDPOINT)
  --api-key <key>             x-api-key for operations that need one (env CONTRACT_API_KEY)
  --low-quota-api-key <key>   A key with a small quota, spent to probe 429
                                                            (env CONTRACT_LOW_QUOTA_API_KEY)
  --only dredd|checks         Run one part only
  -h, --help                  Show this text

Tokens not given come from test users (contract-<runid>-admin@example.com, ...) created at the
Cognito pool, when one is set, and deleted at the end of the run; the app client must allow
ADMIN_USER_PASSWORD_AUTH (CDK authFlows.adminUserPassword). The region is required for a pool id
without one (cognito-local's local_...), unless --cognito-endpoint is set (then us-east-1).
Without a pool, tokens are minted at <endpoint>/_local/token, which only the local stage has.
Without --low-quota-api-key the 429s are reported as not probeable; without --api-key every
operation that requires a key answers 403.`;

/** Parses the command line; returns undefined when --help was asked for. */
export function parseOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): SuiteOptions | undefined {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        endpoint: { type: "string" },
        "admin-token": { type: "string" },
        "user-token": { type: "string" },
        "other-user-token": { type: "string" },
        ...COGNITO_ARGS,
        only: { type: "string" },
        "api-key": { type: "string" },
        "low-quota-api-key": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return undefined;

  const { endpoint, tokens, cognito, apiKey } = readStageOptions(
    values,
    env,
    (message) => new UsageError(message),
  );
  const lowQuotaApiKey =
    (values["low-quota-api-key"] as string | undefined) ?? env.CONTRACT_LOW_QUOTA_API_KEY;
  const only = values.only as string | undefined;
  if (only !== undefined && only !== "dredd" && only !== "checks") {
    throw new UsageError(`--only must be dredd or checks, got ${only}`);
  }
  return {
    endpoint,
    tokens,
    ...(cognito ? { cognito } : {}),
    ...(only ? { only } : {}),
    ...(apiKey ? { apiKey } : {}),
    ...(lowQuotaApiKey ? { lowQuotaApiKey } : {}),
  };
}

/**
 * The stage and the callers, shared by every command that talks to a stage (the contract suite,
 * the fuzzer): `--endpoint`, the three token flags and the Cognito pool, each with its environment
 * fallback. A command that does not declare the Cognito flags still gets a pool from the environment.
 */
export function readStageOptions(
  values: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  usageError: (message: string) => Error,
): { endpoint: string; tokens: Partial<Tokens>; cognito?: CognitoPoolConfig; apiKey?: string } {
  const endpoint = (values.endpoint as string | undefined) ?? env.CONTRACT_ENDPOINT;
  if (!endpoint) throw usageError("--endpoint is required");
  if (!/^https?:\/\/[^/]+/i.test(endpoint))
    throw usageError(`--endpoint must be an http(s) URL, got ${endpoint}`);
  const tokens: Partial<Tokens> = {};
  const admin = (values["admin-token"] as string | undefined) ?? env.CONTRACT_ADMIN_TOKEN;
  const user = (values["user-token"] as string | undefined) ?? env.CONTRACT_USER_TOKEN;
  const otherUser = (values["other-user-token"] as string | undefined) ?? env.CONTRACT_OTHER_USER_TOKEN;
  if (admin) tokens.admin = admin;
  if (user) tokens.user = user;
  if (otherUser) tokens.otherUser = otherUser;
  const cognito = readCognitoOptions(values, env, usageError);
  const apiKey = (values["api-key"] as string | undefined) ?? env.CONTRACT_API_KEY;
  return { endpoint, tokens, ...(cognito ? { cognito } : {}), ...(apiKey ? { apiKey } : {}) };
}
