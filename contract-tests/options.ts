import { parseArgs } from "node:util";
import type { Tokens } from "./setup/tokens.js";

export type Part = "dredd" | "checks";

export interface SuiteOptions {
  endpoint: string;
  /** Tokens given by flag or environment; the rest are minted at the local token endpoint. */
  tokens: Partial<Tokens>;
  /** Run only one part; both when absent. */
  only?: Part;
}

export class UsageError extends Error {}

export const USAGE = `Usage: npm run contract -- --endpoint <url> [options]

Runs the contract suite against any stage: Dredd over every documented 2xx response of /v1 and /v2,
then our own probes for every documented status of every operation.

Options:
  --endpoint <url>            The stage to test, e.g. http://localhost:3000 (env CONTRACT_ENDPOINT)
  --admin-token <jwt>         A token in the admin group          (env CONTRACT_ADMIN_TOKEN)
  --user-token <jwt>          A token of a user without groups    (env CONTRACT_USER_TOKEN)
  --other-user-token <jwt>    A token of a second such user       (env CONTRACT_OTHER_USER_TOKEN)
  --only dredd|checks         Run one part only
  --help                      Show this text

Tokens not given are obtained from <endpoint>/_local/token (local stage only), with subjects unique
to the run. A deployed stage needs all three tokens.`;

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
        only: { type: "string" },
        help: { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return undefined;

  const { endpoint, tokens } = readStageOptions(values, env, (message) => new UsageError(message));
  const only = values.only as string | undefined;
  if (only !== undefined && only !== "dredd" && only !== "checks") {
    throw new UsageError(`--only must be dredd or checks, got ${only}`);
  }
  return { endpoint, tokens, ...(only ? { only } : {}) };
}

/**
 * The stage and the callers, shared by every command that talks to a stage (the contract suite,
 * the fuzzer): `--endpoint` and the three token flags, each with its environment fallback.
 */
export function readStageOptions(
  values: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  usageError: (message: string) => Error,
): { endpoint: string; tokens: Partial<Tokens> } {
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
  return { endpoint, tokens };
}
