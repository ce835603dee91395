import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "../cli/command.js";
import { account, optional, region, required, userPool } from "../cli/option-readers.js";
import { loadGeneratedDefinition } from "../definition/definition.loader.js";
import { stringifyDefinition } from "../definition/definition.normalizer.js";
import { prepareDefinition, summarizeRewrites } from "../definition/definition.preparer.js";

export const renderCommand: Command = {
  name: "render",
  summary: "the generated definition for one version, filled in for a region and account",
  aws: false,
  options: {
    version: { type: "string" },
    region: { type: "string" },
    account: { type: "string" },
    "user-pool-id": { type: "string" },
    "gateway-dir": { type: "string", default: "gateway" },
    title: { type: "string" },
    out: { type: "string" },
  },
  help: `Usage: cellar-gateway render --version v1 --region us-west-2 --account 123456789012 \\
         --user-pool-id us-west-2_AbC123 [--out file]

Prints gateway/<version>.gen.json (from \`npm run codegen\`) ready to import into one region: the
{{region}}, {{accountId}} and {{userPoolId}} placeholders filled in, codegen's banner and the
example server dropped. Fails, naming the flag, if any placeholder would be left.

Options:
  --version <v>           API version: v1, v2, ... (the gateway/<v>.gen.json file)
  --region <region>       the region the definition is for
  --account <id>          the 12-digit account that owns the Lambda functions and the user pool
  --user-pool-id <id>     the Cognito user pool in --region (its id starts with the region)
  --title <name>          name the API this way when imported (default: the generated title)
  --gateway-dir <dir>     where the generated definitions are (default: gateway)
  --out <file>            write there instead of stdout
`,
  async run(values, context) {
    const version = required(values, "version", "v1, v2, ...");
    const target = region(required(values, "region"));
    const accountId = account(optional(values, "account"));
    const userPoolId = userPool(optional(values, "user-pool-id"), target);
    const source = loadGeneratedDefinition(resolve(context.cwd, String(values["gateway-dir"])), version);
    const { document, rewrites } = prepareDefinition(
      source,
      { region: target, ...(accountId ? { accountId } : {}), ...(userPoolId ? { userPoolId } : {}) },
      optional(values, "title"),
      { account: "--account", userPool: "--user-pool-id" },
    );
    const text = stringifyDefinition(document);
    const out = optional(values, "out");
    if (out) {
      writeFileSync(resolve(context.cwd, out), text);
      context.log.line(`render: ${version} for ${target}: ${summarizeRewrites(rewrites)}; wrote ${out}`);
    } else {
      context.output.stdout(text);
      context.log.line(`render: ${version} for ${target}: ${summarizeRewrites(rewrites)}`);
    }
    return 0;
  },
};
