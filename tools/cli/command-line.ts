import { type ParseArgsConfig, parseArgs } from "node:util";

/**
 * The one way our CLIs (every script in package.json that takes options) read their arguments:
 * `--help`/`-h` prints the full help on stdout and exits 0; an unknown option, a missing value or a
 * bad one prints one line on stderr (`<name>: <problem> (--help for usage)`) and exits 2, the
 * usage-error code of getopt-style tools, never a Node stack trace.
 */

export type CliOptions = NonNullable<ParseArgsConfig["options"]>;

export interface CliSpec<O extends CliOptions> {
  /** How the user runs it, e.g. `npm run bench`: the prefix of every usage error. */
  name: string;
  /** The full help; it must mention every option (checked, so help and parser cannot drift). */
  help: string;
  options: O;
  allowPositionals?: boolean;
}

/** A problem with the command line (not with the work): one line, exit 2. Throw it from anywhere. */
export class UsageError extends Error {}

export const USAGE_EXIT_CODE = 2;

type Parsed<O extends CliOptions> = ReturnType<
  typeof parseArgs<{ options: O; strict: true; allowPositionals: boolean }>
>;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  exit(code: number): never;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  exit: (code) => process.exit(code),
};

export function parseCommandLine<O extends CliOptions>(
  spec: CliSpec<O>,
  argv: readonly string[] = process.argv.slice(2),
  io: CliIo = processIo,
): Parsed<O> {
  const undocumented = Object.keys(spec.options).filter((option) => !spec.help.includes(`--${option}`));
  if (undocumented.length > 0) {
    throw new Error(
      `${spec.name}: the help does not mention ${undocumented.map((o) => `--${o}`).join(", ")}`,
    );
  }
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout(spec.help.endsWith("\n") ? spec.help : `${spec.help}\n`);
    return io.exit(0);
  }
  try {
    return parseArgs({
      args: [...argv],
      options: spec.options,
      strict: true,
      allowPositionals: spec.allowPositionals ?? false,
    });
  } catch (error) {
    return exitWithUsageError(spec.name, error instanceof Error ? error.message : String(error), io);
  }
}

/** Prints `<name>: <message> (--help for usage)` and exits 2. */
export function exitWithUsageError(name: string, message: string, io: CliIo = processIo): never {
  // parseArgs' own messages run to a second sentence about "--" that is beside the point here.
  const firstSentence = message.split(". To specify")[0]?.trim() ?? message;
  io.stderr(`${name}: ${firstSentence} (--help for usage)\n`);
  return io.exit(USAGE_EXIT_CODE);
}
