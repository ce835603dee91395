import { resolve } from "node:path";
import { importDefinition } from "../aws/definition.importer.js";
import type { ApiRef, RegionalGateway, Stage } from "../aws/regional-gateway.client.js";
import { formatVariables, variablePatch } from "../aws/stage-variables.sync.js";
import { backupApi } from "../backup/backup.store.js";
import type { Command, CommandContext } from "../cli/command.js";
import { GatewayCliError } from "../cli/gateway-cli.error.js";
import {
  account,
  flag,
  keyValues,
  list,
  oneOf,
  optional,
  region,
  regions,
  required,
  userPool,
} from "../cli/option-readers.js";
import { diffDefinitions, diffIsEmpty } from "../definition/definition.differ.js";
import { comparableDefinition } from "../definition/definition.normalizer.js";
import { prepareDefinition, summarizeRewrites } from "../definition/definition.preparer.js";
import type { JsonObject } from "../definition/json.util.js";
import { countDiff } from "./diff-report.formatter.js";
import { ENDPOINT_TYPES } from "./import.command.js";

interface SourceStage {
  name: string;
  definition: JsonObject;
  comparable: JsonObject;
  variables: Record<string, string>;
}

interface SyncSettings {
  from: string;
  api: ApiRef;
  stages: SourceStage[];
  accountId: string | undefined;
  userPools: Record<string, string>;
  dryRun: boolean;
  backupDirectory: string;
  endpointType: string;
}

export const syncCommand: Command = {
  name: "sync",
  summary: "copy deployed stages from one region to others, then check the copies match",
  aws: true,
  options: {
    from: { type: "string" },
    to: { type: "string" },
    api: { type: "string" },
    stages: { type: "string" },
    account: { type: "string" },
    "user-pools": { type: "string" },
    "endpoint-type": { type: "string" },
    "backup-dir": { type: "string", default: ".gateway-backups" },
    "dry-run": { type: "boolean", default: false },
  },
  help: `Usage: cellar-gateway sync --from us-east-1 --to us-west-2,eu-west-1 --api cellar \\
         --stages prodv1,prodv2 --user-pools us-west-2=us-west-2_AbC,eu-west-1=eu-west-1_DeF

Makes the API in other regions serve what it serves in --from, stage by stage. For each stage:
export it from --from (OpenAPI 3.0 with integrations and authorizers), rewrite its region- and
account-bound ARNs for each target region (Lambda integrations, the Cognito user pool), import it
into the API of the same name there (PutRestApi overwrite, or ImportRestApi to create the API), and
deploy it to the stage of the same name, keeping the stage variables of --from (the Lambda alias
of each version: alias=v1 on prodv1, alias=v2 on prodv2). Variables only a target has are kept and
reported. Before the first change in a region, every deployed stage there is backed up, with a
command to restore it. Finally each target stage is exported again and compared with --from.

Regions are synced one after another, each with progress lines; a failure in one region does not
stop the others, and makes the command exit non-zero. A canary on a --from stage is not copied:
run \`canary\` in each region. Permission for API Gateway to invoke the Lambda functions of a
target region (lambda:InvokeFunction for apigateway.amazonaws.com) is the infra stack's job.

Options:
  --from <region>           the region whose stages are the reference
  --to <r1,r2,...>          the regions to bring in line
  --api <id|name>           the API in --from; in the targets, the API with the same name
  --stages <s1,s2,...>      stages to sync (default: every stage of the API in --from)
  --user-pools <r=id,...>   the Cognito user pool of each target region (needed when the API has a
                            Cognito authorizer: pools are regional)
  --account <id>            rewrite account ids in ARNs (default: keep them, same account)
  --endpoint-type <type>    endpoint type of APIs created in targets (default: as in --from)
  --backup-dir <dir>        where backups go (default: .gateway-backups)
  --dry-run                 export and rewrite, show what would change; change nothing
`,
  async run(values, context) {
    const from = region(required(values, "from"));
    const targets = regions(values, "to");
    if (!targets.length) throw new GatewayCliError("--to needs at least one region");
    if (targets.includes(from)) throw new GatewayCliError(`--to includes the source region ${from}`);
    const userPools = keyValues(values, "user-pools");
    for (const [poolRegion, poolId] of Object.entries(userPools))
      userPool(poolId, region(poolRegion, "user-pools"));
    const accountId = account(optional(values, "account"));

    const source = context.gateway(from);
    const api = await source.requireApi(required(values, "api"));
    const stages = await exportSource(source, api, list(values, "stages"), context);
    const settings: SyncSettings = {
      from,
      api,
      stages,
      accountId,
      userPools,
      dryRun: flag(values, "dry-run"),
      backupDirectory: resolve(context.cwd, String(values["backup-dir"])),
      endpointType: oneOf(
        values,
        "endpoint-type",
        ENDPOINT_TYPES,
        (api.endpointTypes?.[0] as (typeof ENDPOINT_TYPES)[number] | undefined) ?? "REGIONAL",
      ),
    };
    const failures: string[] = [];
    for (const [index, target] of targets.entries()) {
      context.log.line(`sync: ${from} → ${target} (${index + 1} of ${targets.length})`);
      try {
        await syncRegion(context.gateway(target), settings, context);
      } catch (error) {
        if (!(error instanceof GatewayCliError)) throw error;
        context.log.region(target, `failed: ${error.message}`);
        failures.push(`${target}: ${error.message}`);
      }
    }
    if (failures.length) {
      throw new GatewayCliError(
        `sync failed in ${failures.length} of ${targets.length} regions:\n  ${failures.join("\n  ")}`,
      );
    }
    const names = stages.map((stage) => stage.name).join(", ");
    context.log.line(
      settings.dryRun
        ? `sync: dry run done; nothing was changed`
        : `sync: ${names} of ${api.name} in ${targets.join(", ")} now match ${from}`,
    );
    return 0;
  },
};

async function exportSource(
  source: RegionalGateway,
  api: ApiRef,
  requested: string[],
  context: CommandContext,
): Promise<SourceStage[]> {
  const deployed = await source.getStages(api);
  const names = requested.length ? requested : deployed.map((stage) => stage.stageName ?? "");
  if (!names.length) throw new GatewayCliError(`${api.name} has no deployed stage in ${source.region}`);
  const stages: SourceStage[] = [];
  for (const name of names) {
    const stage = deployed.find((item) => item.stageName === name);
    if (!stage) {
      throw new GatewayCliError(
        `stage ${name} does not exist on ${api.name} in ${source.region} (stages: ${deployed.map((item) => item.stageName).join(", ") || "none"})`,
      );
    }
    const definition = await source.exportStage(api, name);
    context.log.region(
      source.region,
      `exported ${name} of ${api.name} (deployment ${stage.deploymentId}), stage variables ${formatVariables(stage.variables)}`,
    );
    if (stage.canarySettings) {
      context.log.region(
        source.region,
        `note: ${name} has a canary (${stage.canarySettings.percentTraffic ?? 0}%); canaries are not synced, only the stage's main deployment`,
      );
    }
    stages.push({
      name,
      definition,
      comparable: comparableDefinition(definition),
      variables: stage.variables ?? {},
    });
  }
  return stages;
}

async function syncRegion(
  gateway: RegionalGateway,
  settings: SyncSettings,
  context: CommandContext,
): Promise<void> {
  const target = gateway.region;
  const { log } = context;
  const userPoolId = settings.userPools[target];
  // Rewrite everything before changing anything, so a missing user pool fails with the region untouched.
  const prepared = settings.stages.map((stage) => {
    const { document, rewrites } = prepareDefinition(
      stage.definition,
      {
        region: target,
        ...(settings.accountId ? { accountId: settings.accountId } : {}),
        ...(userPoolId ? { userPoolId } : {}),
      },
      settings.api.name,
    );
    log.region(target, `${stage.name}: ${summarizeRewrites(rewrites)}`);
    return { stage, document };
  });
  let api = await gateway.findApi(settings.api.name);
  const before: Stage[] = api ? await gateway.getStages(api) : [];
  if (settings.dryRun) {
    log.region(
      target,
      api
        ? `dry run: would back up ${before.length} stage(s) of ${api.name} (${api.id}) and overwrite it per stage`
        : `dry run: would create ${settings.api.name} with ImportRestApi`,
    );
    for (const { stage } of prepared) {
      const current = before.find((item) => item.stageName === stage.name);
      const patch = variablePatch(stage.variables, current);
      log.region(
        target,
        `dry run: would deploy ${stage.name} (${current ? "existing" : "new"} stage)${
          patch.operations.length
            ? `, setting ${patch.operations.map((op) => op.path?.replace("/variables/", "")).join(", ")}`
            : ""
        }`,
      );
    }
    return;
  }
  if (api) {
    await backupApi({
      gateway,
      api,
      directory: settings.backupDirectory,
      cwd: context.cwd,
      now: context.now(),
      log,
    });
  }
  for (const { stage, document } of prepared) {
    const result = await importDefinition({
      gateway,
      document,
      existing: api,
      mode: "overwrite",
      failOnWarnings: true,
      endpointType: settings.endpointType,
      log,
    });
    api = result.api;
    const current = before.find((item) => item.stageName === stage.name);
    const deployment = await gateway.createDeployment(api, {
      stageName: stage.name,
      description: `cellar-gateway sync from ${settings.from}`,
      ...(current ? {} : { variables: stage.variables }),
    });
    const patch = variablePatch(stage.variables, current);
    if (current && patch.operations.length) await gateway.updateStage(api, stage.name, patch.operations);
    log.region(
      target,
      `${stage.name}: deployed (deployment ${deployment.id}), stage variables ${formatVariables(stage.variables)}`,
    );
    if (current && patch.extra.length) {
      log.region(
        target,
        `${stage.name}: kept variables ${settings.from} does not have: ${patch.extra.join(", ")}`,
      );
    }
  }
  if (!api) return;
  await verify(gateway, api, settings, context);
}

async function verify(
  gateway: RegionalGateway,
  api: ApiRef,
  settings: SyncSettings,
  context: CommandContext,
) {
  for (const stage of settings.stages) {
    const exported = comparableDefinition(await gateway.exportStage(api, stage.name));
    const deployed = await gateway.getStage(api, stage.name);
    const diff = diffDefinitions(stage.comparable, exported);
    if (!diffIsEmpty(diff)) {
      throw new GatewayCliError(
        `after the sync, ${stage.name} still differs from ${settings.from} (${countDiff(diff)}); run \`cellar-gateway diff --api ${api.name} --regions ${settings.from},${gateway.region} --stages ${stage.name}\``,
      );
    }
    const missing = Object.entries(stage.variables).filter(
      ([name, value]) => deployed.variables?.[name] !== value,
    );
    if (missing.length) {
      throw new GatewayCliError(
        `after the sync, ${stage.name} has stage variables ${formatVariables(deployed.variables)}, expected ${formatVariables(stage.variables)}`,
      );
    }
    context.log.region(gateway.region, `${stage.name}: export and stage variables match ${settings.from}`);
  }
}
