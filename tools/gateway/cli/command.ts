import type { ParseArgsConfig } from "node:util";
import type { RegionalGateway } from "../aws/regional-gateway.client.js";
import type { Output, ProgressLogger } from "./progress.logger.js";

export type OptionValues = Record<string, string | boolean | undefined>;

export interface CommandContext {
  output: Output;
  log: ProgressLogger;
  cwd: string;
  /** One client per region, created on first use and closed when the command ends. */
  gateway(region: string): RegionalGateway;
  now(): Date;
}

export interface Command {
  name: string;
  summary: string;
  /** Usage, description and the command's own options; the AWS options are appended when `aws` is set. */
  help: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  aws: boolean;
  /** Exit code for failures; `diff` keeps 1 for "differences found" and fails with 2. */
  failureExitCode?: number;
  run(values: OptionValues, context: CommandContext): Promise<number>;
}

export const AWS_OPTIONS: NonNullable<ParseArgsConfig["options"]> = {
  profile: { type: "string" },
  "endpoint-url": { type: "string" },
  "max-attempts": { type: "string", default: "5" },
};

export const AWS_HELP = `
AWS options:
  --profile <name>        AWS profile to use (default: the SDK's chain: environment, AWS_PROFILE, SSO, ...)
  --endpoint-url <url>    talk to this API Gateway endpoint instead of AWS (a stand-in, LocalStack)
  --max-attempts <n>      attempts per AWS call; throttled calls are retried with exponential backoff
                          and jitter (default: 5)
  -h, --help              show this help
`;
