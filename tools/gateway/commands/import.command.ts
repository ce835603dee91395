import { resolve } from "node:path";
import { apiName, DEFAULT_APP_NAME, stageName, stageVariables } from "../../../src/topology/topology.js";
import { importDefinition } from "../aws/definition.importer.js";
import type { Command, OptionValues } from "../cli/command.js";
import { GatewayCliError } from "../cli/gateway-cli.error.js";
import { EXAMPLE } from "../cli/help-examples.js";
import { account, flag, keyValues, oneOf, optional, region, required } from "../cli/option-readers.js";
import { readUserPool, USER_POOL_HELP } from "../cli/user-pool.reader.js";
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
    version: { type: "string" },
    preview: { type: "boolean", default: false },
    app: { type: "string" },
    api: { type: "string" },
    mode: { type: "string", default: "merge" },
    account: { type: "string" },
    "user-pool-arn": { type: "string" },
    "user-pool-id": { type: "string" },
    stage: { type: "string" },
    "stage-variables": { type: "string" },
    "endpoint-type": { type: "string", default: "REGIONAL" },
    "allow-warnings": { type: "boolean", default: false },
    "backup-dir": { type: "string", default: ".gateway-backups" },
    "dry-run": { type: "boolean", default: false },
  },
  help: `Usage: cellar-gateway import --file ${EXAMPLE.version}.json --region eu-west-1 --version ${EXAMPLE.version} [--preview]
         [--mode merge|overwrite] [--dry-run]

Imports an OpenAPI definition (rendered, generated, exported from another region, or a backup) into
a region. Region- and account-bound ARNs are rewritten for the target first: Lambda integration
URIs, Lambda authorizers and the {{...}} placeholders of generated definitions. The Cognito user
pool ARN is kept as the definition has it (one pool, in its own region, serves every region) unless
--user-pool-arn or --user-pool-id names another. Nothing is sent while a placeholder is left.

--version ${EXAMPLE.version} imports into API ${EXAMPLE.api} and deploys to stage ${EXAMPLE.liveStage} (with --preview:
${EXAMPLE.previewStage}); a new stage gets the topology's stage variables (${EXAMPLE.liveVariables}). The API is
updated with PutRestApi if it exists, after the export of each of its deployed stages is saved to
--backup-dir with a command to restore it; otherwise it is created with ImportRestApi. Both use
failonwarnings=true: API Gateway's warnings fail the import and are listed.

Options:
  --file <path>             the definition, JSON or YAML
  --region <region>         where to import it
  --version <v>             the API version (${EXAMPLE.allVersions}): API and stage from the topology
  --preview                 with --version: deploy to the preview stage (${EXAMPLE.previewStage})
  --app <name>              the app the API name starts with (default: ${DEFAULT_APP_NAME})
  --api <id|name>           another API to update, or the name of the API to create (default: the
                            version's API, else the definition's info.title)
  --stage <name>            deploy to this stage afterwards (default: the version's stage; without
                            --version, no deployment)
  --stage-variables k=v,..  variables to set: a new stage gets the topology's plus these, an
                            existing stage only these (its other variables are kept)
  --mode merge|overwrite    PutRestApi mode for an existing API (default: merge; overwrite also
                            deletes what the definition no longer has)
  --account <id>            rewrite account ids in ARNs to this account (fills {{accountId}})
${USER_POOL_HELP.arn}
${USER_POOL_HELP.id}
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
    const userPool = readUserPool(values)(target);
    const { stage, newStageVariables, givenVariables } = readDeployment(values);
    const source = loadDefinitionFile(resolve(context.cwd, file));
    const version = optional(values, "version");
    const reference =
      optional(values, "api") ?? (version ? apiName(version, optional(values, "app")) : titleOf(source));
    if (!reference) throw new GatewayCliError(`${file} has no info.title; pass --version or --api`);

    const gateway = context.gateway(target);
    const existing = await gateway.findApi(reference);
    const { document, rewrites } = prepareDefinition(
      source,
      { region: target, ...(accountId ? { accountId } : {}), ...userPool },
      existing?.name ?? reference,
      { account: "--account", userPool: "--user-pool-arn or --user-pool-id" },
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
        ...(isNew && Object.keys(newStageVariables).length ? { variables: newStageVariables } : {}),
      });
      if (!isNew && Object.keys(givenVariables).length) {
        await gateway.updateStage(
          api,
          stage,
          Object.entries(givenVariables).map(([name, value]) => ({
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

interface Deployment {
  stage: string | undefined;
  /** What a new stage gets: the topology's variables for the version, then --stage-variables. */
  newStageVariables: Record<string, string>;
  /** What an existing stage is updated with: --stage-variables only. */
  givenVariables: Record<string, string>;
}

/** The stage to deploy to after the import: --stage, else the --version's live or --preview stage. */
function readDeployment(values: OptionValues): Deployment {
  const version = optional(values, "version");
  const role = flag(values, "preview") ? "preview" : "live";
  if (role === "preview" && !version) throw new GatewayCliError("--preview needs --version");
  const stage = optional(values, "stage") ?? (version ? stageName(version, role) : undefined);
  const givenVariables = keyValues(values, "stage-variables");
  if (Object.keys(givenVariables).length && !stage)
    throw new GatewayCliError("--stage-variables needs --stage or --version");
  const topologyVariables = version ? stageVariables(version, role) : {};
  return { stage, newStageVariables: { ...topologyVariables, ...givenVariables }, givenVariables };
}

function titleOf(document: Record<string, unknown>): string | undefined {
  const info = document.info;
  return isJsonObject(info) && typeof info.title === "string" && info.title.trim() ? info.title : undefined;
}
