import { importDefinition } from "../aws/definition.importer.js";
import type { ApiRef, RegionalGateway, Stage } from "../aws/regional-gateway.client.js";
import { formatVariables, variablePatch } from "../aws/stage-variables.sync.js";
import { backupApi } from "../backup/backup.store.js";
import type { CommandContext } from "../cli/command.js";
import { GatewayCliError } from "../cli/gateway-cli.error.js";
import type { ArnTarget } from "../definition/arn.rewriter.js";
import { diffDefinitions, diffIsEmpty } from "../definition/definition.differ.js";
import { comparableDefinition } from "../definition/definition.normalizer.js";
import { prepareDefinition, summarizeRewrites } from "../definition/definition.preparer.js";
import type { JsonObject } from "../definition/json.util.js";
import { countDiff } from "./diff-report.formatter.js";

export interface SourceStage {
  name: string;
  definition: JsonObject;
  comparable: JsonObject;
  variables: Record<string, string>;
}

/** What `sync` copies: the stages of one API in `from`, and how to rewrite them per target region. */
export interface SyncSettings {
  from: string;
  api: ApiRef;
  stages: SourceStage[];
  accountId: string | undefined;
  userPool: (region: string) => Pick<ArnTarget, "userPoolArn" | "userPoolId">;
  dryRun: boolean;
  backupDirectory: string;
  endpointType: string;
}

export async function exportSource(
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

export async function syncRegion(
  gateway: RegionalGateway,
  settings: SyncSettings,
  context: CommandContext,
): Promise<void> {
  const target = gateway.region;
  const { log } = context;
  // Rewrite everything before changing anything, so a placeholder left fails with the region untouched.
  const prepared = settings.stages.map((stage) => {
    const { document, rewrites } = prepareDefinition(
      stage.definition,
      {
        region: target,
        ...(settings.accountId ? { accountId: settings.accountId } : {}),
        ...settings.userPool(target),
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
