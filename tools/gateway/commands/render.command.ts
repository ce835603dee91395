import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { GATEWAY_DIR } from "../../../codegen/layout.js";
import { apiName, DEFAULT_APP_NAME, renameFunctions } from "../../../src/topology/topology.js";
import type { Command } from "../cli/command.js";
import { EXAMPLE } from "../cli/help-examples.js";
import { account, optional, region, required } from "../cli/option-readers.js";
import { readUserPool, USER_POOL_HELP } from "../cli/user-pool.reader.js";
import { loadGeneratedDefinition } from "../definition/definition.loader.js";
import { stringifyDefinition } from "../definition/definition.normalizer.js";
import { prepareDefinition, summarizeRewrites } from "../definition/definition.preparer.js";

export const renderCommand: Command = {
  name: "render",
  summary: "the generated definition for one version, filled in for a region and account",
  aws: false,
  options: {
    version: { type: "string" },
    app: { type: "string" },
    region: { type: "string" },
    account: { type: "string" },
    "user-pool-arn": { type: "string" },
    "user-pool-id": { type: "string" },
    "gateway-dir": { type: "string", default: GATEWAY_DIR },
    title: { type: "string" },
    out: { type: "string" },
  },
  help: `Usage: cellar-gateway render --version ${EXAMPLE.version} --region eu-west-1 --account ${EXAMPLE.account} \\
         --user-pool-arn ${EXAMPLE.userPoolArn} [--out file]

Prints gateway/<version>.gen.json (from \`npm run codegen\`) ready to import into one region: the
{{region}}, {{accountId}} and {{userPoolId}} placeholders filled in, codegen's banner and the
example server dropped, and titled as the version's API (${EXAMPLE.api}), so that \`import\` finds
it. The user pool is the one pool of every region, usually in another region than --region.
Fails, naming the flag, if any placeholder would be left.

Options:
  --version <v>             API version: ${EXAMPLE.allVersions} (the gateway/<v>.gen.json file)
  --region <region>         the region the definition is for
  --account <id>            the 12-digit account that owns the Lambda functions (and the pool, with
                            --user-pool-id)
${USER_POOL_HELP.arn}
${USER_POOL_HELP.id}
  --app <name>              the app the API name starts with (default: ${DEFAULT_APP_NAME})
  --title <name>            title the definition (the API's name once imported) this way instead
  --gateway-dir <dir>       where the generated definitions are (default: gateway)
  --out <file>              write there instead of stdout
`,
  async run(values, context) {
    const version = required(values, "version", "v1, v2, ...");
    const target = region(required(values, "region"));
    const accountId = account(optional(values, "account"));
    const userPool = readUserPool(values)(target);
    const app = optional(values, "app");
    const generated = loadGeneratedDefinition(resolve(context.cwd, String(values["gateway-dir"])), version);
    // The generated file calls the default app's functions; another app calls its own.
    const source = JSON.parse(renameFunctions(JSON.stringify(generated), app)) as typeof generated;
    const { document, rewrites } = prepareDefinition(
      source,
      { region: target, ...(accountId ? { accountId } : {}), ...userPool },
      optional(values, "title") ?? apiName(version, app),
      { account: "--account", userPool: "--user-pool-arn or --user-pool-id" },
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
