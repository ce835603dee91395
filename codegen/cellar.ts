#!/usr/bin/env node
// The `cellar` command of @cellar/cli: one entry, each subcommand loaded only when it runs.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The contract suite is still the reference app's (its fixtures create wineries, its Dredd hooks are
 * files beside it), so it runs from a Cellar checkout only. Named through a variable, the bundler
 * leaves it out of the published CLI rather than shipping a suite that cannot run there.
 */
const CONTRACT_SUITE = "../contract-tests/cli.js";
const contractSuiteHere = () =>
  existsSync(fileURLToPath(new URL("../contract-tests/cli.ts", import.meta.url)));

const COMMANDS: Record<string, { summary: string; load: () => Promise<unknown> }> = {
  codegen: {
    summary: "generate wrappers, validators, gateway definitions, docs and SDK from a spec",
    load: () => import("./cli.js"),
  },
  start: {
    summary: "serve the project locally: gateway routing, the real handlers, tokens, docs",
    load: () => import("../src/local/start-cli.js"),
  },
  contract: {
    summary: "run the contract suite against a stage, local or deployed (from a Cellar checkout)",
    load: async () => {
      if (contractSuiteHere()) return import(CONTRACT_SUITE);
      process.stderr.write(
        "cellar contract: the contract suite runs from a Cellar checkout only (npm run contract there); it is not in this package yet\n",
      );
      process.exit(1);
    },
  },
  gateway: {
    summary: "render, import, diff and roll out API Gateway definitions",
    load: () => import("../tools/gateway/cli.js"),
  },
};

const HELP = `Usage: cellar <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(9)}${summary}`)
  .join("\n")}

Run \`cellar <command> --help\` for a command's options.
`;

const [name, ...rest] = process.argv.slice(2);
if (name === undefined || name === "--help" || name === "-h" || name === "help") {
  process.stdout.write(HELP);
  process.exit(name === undefined ? 2 : 0);
}
const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
if (!command) {
  process.stderr.write(
    `cellar: unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(", ")} (--help for usage)\n`,
  );
  process.exit(2);
}
// Each command reads its own arguments from process.argv, as it does when run on its own.
process.argv = [process.argv[0] ?? "node", `cellar ${name}`, ...rest];
await command.load();
