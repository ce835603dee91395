import { parseArgs } from "node:util";
import { USAGE_EXIT_CODE } from "../../cli/command-line.js";
import { type AwsOptions, RegionalGateway, type StaticCredentials } from "../aws/regional-gateway.client.js";
import { canaryCommand } from "../commands/canary.command.js";
import { diffCommand } from "../commands/diff.command.js";
import { exportCommand } from "../commands/export.command.js";
import { importCommand } from "../commands/import.command.js";
import { promoteCommand } from "../commands/promote.command.js";
import { renderCommand } from "../commands/render.command.js";
import { rollbackCommand } from "../commands/rollback.command.js";
import { syncCommand } from "../commands/sync.command.js";
import { AWS_HELP, AWS_OPTIONS, type Command, type CommandContext, type OptionValues } from "./command.js";
import { GatewayCliError } from "./gateway-cli.error.js";
import { EXAMPLE } from "./help-examples.js";
import { optional, positiveInteger } from "./option-readers.js";
import { type Output, ProgressLogger } from "./progress.logger.js";

export const COMMANDS: Command[] = [
  renderCommand,
  exportCommand,
  importCommand,
  syncCommand,
  diffCommand,
  canaryCommand,
  promoteCommand,
  rollbackCommand,
];

const HELP = `Usage: cellar-gateway <command> [options]     (or: npm run gateway -- <command> [options])

API Gateway definitions across regions: render the generated definitions for a region, export,
import, sync and diff deployed stages, and run canary releases. Per region, each API version has
its own REST API (${EXAMPLE.allApis}) with a live and a preview stage (--version ${EXAMPLE.version}: ${EXAMPLE.api},
stage ${EXAMPLE.liveStage}; --preview: ${EXAMPLE.previewStage}); one Cognito user pool, by ARN, serves every region.

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(10)}${command.summary}`).join("\n")}

Run \`cellar-gateway <command> --help\` for a command's options.
`;

export interface CliEnvironment {
  output: Output;
  cwd?: string;
  /** Static credentials instead of the SDK's default chain (tests against the stand-in). */
  credentials?: StaticCredentials;
  now?: () => Date;
}

/** Runs one command line and returns the exit code; never exits the process itself. */
export async function runCli(argv: string[], environment: CliEnvironment): Promise<number> {
  const { output } = environment;
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    output.stdout(HELP);
    return name ? 0 : 1;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    output.stderr(
      `cellar-gateway: unknown command "${name}"; commands: ${COMMANDS.map((c) => c.name).join(", ")}\n`,
    );
    // A usage error, like an unknown option: exit 2 as every CLI here does (tools/cli/command-line.ts).
    return USAGE_EXIT_CODE;
  }
  const gateways = new Map<string, RegionalGateway>();
  try {
    const values = parseCommandLine(command, rest);
    if (values.help === true) {
      output.stdout(command.help + (command.aws ? AWS_HELP : "  -h, --help              show this help\n"));
      return 0;
    }
    const log = new ProgressLogger(output);
    const aws: AwsOptions = command.aws
      ? {
          maxAttempts: positiveInteger(values, "max-attempts"),
          ...(optional(values, "profile") ? { profile: optional(values, "profile")! } : {}),
          ...(optional(values, "endpoint-url") ? { endpointUrl: optional(values, "endpoint-url")! } : {}),
          ...(environment.credentials ? { credentials: environment.credentials } : {}),
        }
      : { maxAttempts: 1 };
    const context: CommandContext = {
      output,
      log,
      cwd: environment.cwd ?? process.cwd(),
      now: environment.now ?? (() => new Date()),
      gateway: (region) => {
        let gateway = gateways.get(region);
        if (!gateway) {
          gateway = new RegionalGateway(region, aws, log);
          gateways.set(region, gateway);
        }
        return gateway;
      },
    };
    return await command.run(values, context);
  } catch (error) {
    if (error instanceof GatewayCliError) {
      output.stderr(`cellar-gateway ${command.name}: ${error.message}\n`);
      // A usage error keeps exit 2 even where the command's own failures use another code.
      return error.exitCode === USAGE_EXIT_CODE
        ? USAGE_EXIT_CODE
        : (command.failureExitCode ?? error.exitCode);
    }
    output.stderr(
      `cellar-gateway ${command.name}: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`,
    );
    return command.failureExitCode ?? 1;
  } finally {
    for (const gateway of gateways.values()) gateway.destroy();
  }
}

function parseCommandLine(command: Command, args: string[]): OptionValues {
  try {
    const { values } = parseArgs({
      args,
      options: {
        ...command.options,
        ...(command.aws ? AWS_OPTIONS : {}),
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    return values as OptionValues;
  } catch (error) {
    const message = (error as Error).message.split(". To specify a positional")[0];
    throw new GatewayCliError(`${message}; see \`cellar-gateway ${command.name} --help\``, USAGE_EXIT_CODE);
  }
}
