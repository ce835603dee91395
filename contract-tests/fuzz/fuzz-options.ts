import { parseArgs } from "node:util";
import { UsageError } from "../../tools/cli/command-line.js";
import { readStageOptions } from "../options.js";
import type { FuzzOptions } from "./run-fuzz.js";

export const FUZZ_USAGE = `Usage: npm run fuzz -- --endpoint <url> [options]

Property-based fuzzing of every operation in openapi.yaml against a running stage: valid requests
generated from the schemas must get a documented, non-5xx answer that conforms to the spec; requests
broken in one way must get the documented 4xx; sequences of favorites and reviews by three callers
must match a model of what the API holds. Failures are shrunk to a minimal request and replayable.

Options:
  --endpoint <url>          The stage to fuzz (env CONTRACT_ENDPOINT)
  --seed <n>                Seed for reproducible runs (default: random, printed)
  --runs <n>                Cases per property (default 100)
  --model-runs <n>          Command sequences for the stateful model (default runs / 5; 0 skips it)
  --operation <id>          Only this operation (repeatable); skips the model
  --admin-token, --user-token, --other-user-token <jwt>
                            As for npm run contract; minted at <endpoint>/_local/token when absent
  --api-key <key>           x-api-key for operations that need one (env CONTRACT_API_KEY)
  -h, --help                Show this text`;

const positiveInteger = (name: string, raw: string | undefined, fallback: number, min = 1): number => {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new UsageError(`--${name} must be an integer >= ${min}, got ${raw}`);
  return value;
};

/** Parses the command line; undefined when --help was asked for. */
export function parseFuzzOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): FuzzOptions | undefined {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        endpoint: { type: "string" },
        seed: { type: "string" },
        runs: { type: "string" },
        "model-runs": { type: "string" },
        operation: { type: "string", multiple: true },
        "admin-token": { type: "string" },
        "user-token": { type: "string" },
        "other-user-token": { type: "string" },
        "api-key": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return undefined;
  const { endpoint, tokens, apiKey } = readStageOptions(values, env, (message) => new UsageError(message));
  const runs = positiveInteger("runs", values.runs as string | undefined, 100);
  const operations = values.operation as string[] | undefined;
  return {
    endpoint,
    seed: positiveInteger("seed", values.seed as string | undefined, Math.floor(Math.random() * 2 ** 31), 0),
    runs,
    modelRuns: positiveInteger(
      "model-runs",
      values["model-runs"] as string | undefined,
      Math.max(2, Math.round(runs / 5)),
      0,
    ),
    tokens,
    ...(apiKey ? { apiKey } : {}),
    ...(operations ? { operations } : {}),
  };
}
