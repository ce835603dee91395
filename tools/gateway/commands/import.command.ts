import { resolve } from "node:path";
import { importDefinition } from "../aws/definition.importer.js";
import type { Command } from "../cli/command.js";
import { GatewayCliError } from "../cli/gateway-cli.error.js";
import {
  account,
  flag,
  keyValues,
  oneOf,
  optional,
  region,
  required,
  userPool,
} from "../cli/option-readers.js";
import { loadDefinitionFile } from "../definition/definition.loader.js";
import { prepareDefinition, summarizeRewrites } from "../definition/definition.preparer.js";
import { isJsonObject } from "../definition/json.util.js";

export const ENDPOINT_TYPES = ["REGIONAL", "EDGE", "PRIVATE"] as const;

export const importCommand: Command = {
  name: "import",
  summary: "a definition into a region: ImportRestApi, or PutRestApi after a backup",
  aws: true,
  options: {
    file: { type: "string" },
    region: { type: "string" },
    api: { type: "string" },
    mode: { type: "string", default: "merge" },
    account: { type: "string" },
    "user-pool-id": { type: "string" },
    stage: { type: "string" },
    "stage-variables": { type: "string" },
    "endpoint-type": { type: "string", default: "REGIONAL" },
    "allow-warnings": { type: "boolean", default: false },
    "backup-dir": { type: "string", default: ".gateway-backups" },
    "dry-run": { type: "boolean", default: false },
  },
  help: `Usage: cellar-gateway import --file <definition> --region us-west-2 [--api <id|name>]
         [--mode merge|overwrite] [--stage prodv1] [--dry-run]

Imports an OpenAPI definition (rendered, generated, exported from another region, or a backup) into
a region. Region- and account-bound ARNs are rewritten for the target first: Lambda integration
URIs, Lambda authorizers, the Cognito user pool (pools are regional: pass --user-pool-id), and the
{{...}} placeholders of generated definitions. Nothing is sent while a placeholder is left.

The API named by --api (or by the definition's info.title) is updated with PutRestApi if it exists,
after the export of each of its deployed stages is saved to --backup-dir with a command to restore
it; otherwise a new API is created with ImportRestApi. Both use failonwarnings=true: API Gateway's
warnings fail the import and are listed.

Options:
  --file <path>             the definition, JSON or YAML
  --region <region>         where to import it
  --api <id|name>           the API to update, or the name of the API to create
                            (default: the definition's info.title)
  --mode merge|overwrite    PutRestApi mode for an existing API (default: merge; overwrite also
                            deletes what the definition no longer has)
  --account <id>            rewrite account ids in ARNs to this account (fills {{accountId}})
  --user-pool-id <id>       the Cognito user pool in --region (fills {{userPoolId}})
  --stage <name>            deploy to this stage afterwards (CreateDeployment)
  --stage-variables k=v,..  variables for --stage if it is new (e.g. alias=v1)
  --endpoint-type <type>    REGIONAL, EDGE or PRIVATE, for a new API (default: REGIONAL)
  --allow-warnings          import despite warnings (failonwarnings=false) and print them
  --backup-dir <dir>        where backups go (default: .gateway-backups)
  --dry-run                 show the plan (new or existing API, rewritten ARNs); change nothing
`,
  async run(values, context) {
    const target = region(required(values, "region"));
    const file = required(values, "file");
    const mode = oneOf(values, "mode", ["merge", "overwrite"] as const, "merge");
    const endpointType = oneOf(values, "endpoint-type", ENDPOINT_TYPES, "REGIONAL");
    const accountId = account(optional(values, "account"));
    const userPoolId = userPool(optional(values, "user-pool-id"), target);
    const stage = optional(values, "stage");
    const stageVariables = keyValues(values, "stage-variables");
    if (Object.keys(stageVariables).length && !stage)
      throw new GatewayCliError("--stage-variables needs --stage");
    const source = loadDefinitionFile(resolve(context.cwd, file));
    const reference = optional(values, "api") ?? titleOf(source);
    if (!reference) throw new GatewayCliError(`${file} has no info.title; name the API with --api`);

    const gateway = context.gateway(target);
    const existing = await gateway.findApi(reference);
    const { document, rewrites } = prepareDefinition(
      source,
      { region: target, ...(accountId ? { accountId } : {}), ...(userPoolId ? { userPoolId } : {}) },
      existing?.name ?? reference,
      { account: "--account", userPool: "--user-pool-id" },
    );
    context.log.region(target, `${file}: ${summarizeRewrites(rewrites)}`);
    if (flag(values, "dry-run")) {
      context.log.region(
        target,
        existing
          ? `dry run: would back up the stages of ${existing.name} (${existing.id}) and update it with PutRestApi, mode ${mode}`
          : `dry run: would create "${reference}" with ImportRestApi (${endpointType})`,
      );
      if (stage) context.log.region(target, `dry run: would then deploy to stage ${stage}`);
      return 0;
    }
    const { api } = await importDefinition({
      gateway,
      document,
      existing,
      mode,
      failOnWarnings: !flag(values, "allow-warnings"),
      endpointType,
      backup: {
        directory: resolve(context.cwd, String(values["backup-dir"])),
        cwd: context.cwd,
        now: context.now(),
      },
      log: context.log,
    });
    if (stage) {
      const stages = await gateway.getStages(api);
      const isNew = !stages.some((item) => item.stageName === stage);
      const deployment = await gateway.createDeployment(api, {
        stageName: stage,
        description: `cellar-gateway import of ${file}`,
        ...(isNew && Object.keys(stageVariables).length ? { variables: stageVariables } : {}),
      });
      if (!isNew && Object.keys(stageVariables).length) {
        await gateway.updateStage(
          api,
          stage,
          Object.entries(stageVariables).map(([name, value]) => ({
            op: "replace",
            path: `/variables/${name}`,
            value,
          })),
        );
      }
      context.log.region(
        target,
        `deployed to ${isNew ? "new " : ""}stage ${stage} (deployment ${deployment.id})`,
      );
    }
    context.output.stdout(`${JSON.stringify({ region: target, apiId: api.id, name: api.name })}\n`);
    return 0;
  },
};

function titleOf(document: Record<string, unknown>): string | undefined {
  const info = document.info;
  return isJsonObject(info) && typeof info.title === "string" && info.title.trim() ? info.title : undefined;
}
