import { resolve } from "node:path";
import { canaryPatch, describeCanary } from "../aws/canary-patch.builder.js";
import { importDefinition } from "../aws/definition.importer.js";
import type { Command } from "../cli/command.js";
import { GatewayCliError } from "../cli/gateway-cli.error.js";
import { account, flag, keyValues, optional, required, userPool } from "../cli/option-readers.js";
import { loadDefinitionFile } from "../definition/definition.loader.js";
import { prepareDefinition, summarizeRewrites } from "../definition/definition.preparer.js";
import { eachRegion } from "./each-region.runner.js";
import { readStageTarget, STAGE_TARGET_HELP, STAGE_TARGET_OPTIONS } from "./stage-target.reader.js";

export const canaryCommand: Command = {
  name: "canary",
  summary: "send a percentage of a stage's traffic to a canary (stage variable overrides)",
  aws: true,
  options: {
    ...STAGE_TARGET_OPTIONS,
    percent: { type: "string" },
    alias: { type: "string" },
    overrides: { type: "string" },
    file: { type: "string" },
    account: { type: "string" },
    "user-pools": { type: "string" },
    "backup-dir": { type: "string", default: ".gateway-backups" },
    "dry-run": { type: "boolean", default: false },
  },
  help: `Usage: cellar-gateway canary --api cellar --stage prodv2 --percent 10 --alias v2-canary --region us-east-1

Sets up (or adjusts) an API Gateway canary release on a stage: --percent of the stage's traffic
goes to the canary, whose stage variables are overridden; --alias v2-canary overrides \`alias\`, so
the canary invokes the v2-canary Lambda alias while the rest of the traffic stays on the stage's
alias. Without --file, a new canary runs the stage's current deployment (only the overrides
differ) and an existing one keeps its deployment; with --file, the definition is imported first
(with a backup) and deployed as the canary (CreateDeployment with canary settings).

Then \`promote\` makes the canary the stage, or \`rollback\` removes it.

Options:
${STAGE_TARGET_HELP}
  --percent <0-100>         share of the traffic for the canary, e.g. 10 or 2.5
  --alias <name>            the Lambda alias for the canary (overrides the \`alias\` stage variable)
  --overrides k=v,...       other stage variable overrides for the canary
  --file <path>             a new definition to deploy as the canary
  --user-pools <r=id,...>   with --file: the Cognito user pool of each region
  --account <id>            with --file: rewrite account ids in ARNs
  --backup-dir <dir>        with --file: where backups go (default: .gateway-backups)
  --dry-run                 show the settings that would be applied; change nothing
`,
  async run(values, context) {
    const target = readStageTarget(values);
    const percent = Number(required(values, "percent"));
    if (!Number.isFinite(percent) || percent <= 0 || percent > 100) {
      throw new GatewayCliError("--percent must be a number above 0 and at most 100");
    }
    const overrides = { ...keyValues(values, "overrides") };
    const alias = optional(values, "alias");
    if (alias) overrides.alias = alias;
    const file = optional(values, "file");
    const userPools = keyValues(values, "user-pools");
    const accountId = account(optional(values, "account"));
    await eachRegion("canary", target.regions, context, async (region) => {
      const gateway = context.gateway(region);
      const api = await gateway.requireApi(target.api);
      const stage = await gateway.getStage(api, target.stage);
      context.log.region(region, `${target.stage} before: ${describeCanary(stage)}`);
      if (!file) {
        const operations = canaryPatch(stage, percent, overrides);
        if (flag(values, "dry-run")) {
          context.log.region(
            region,
            `dry run: would UpdateStage ${target.stage}: ${JSON.stringify(operations)}`,
          );
          return;
        }
        const updated = await gateway.updateStage(api, target.stage, operations);
        context.log.region(region, `${target.stage} now: ${describeCanary(updated)}`);
        return;
      }
      const userPoolId = userPool(userPools[region], region);
      const { document, rewrites } = prepareDefinition(
        loadDefinitionFile(resolve(context.cwd, file)),
        { region, ...(accountId ? { accountId } : {}), ...(userPoolId ? { userPoolId } : {}) },
        api.name,
      );
      context.log.region(region, `${file}: ${summarizeRewrites(rewrites)}`);
      if (flag(values, "dry-run")) {
        context.log.region(
          region,
          `dry run: would import ${file} into ${api.name} and deploy it as a ${percent}% canary`,
        );
        return;
      }
      await importDefinition({
        gateway,
        document,
        existing: api,
        mode: "overwrite",
        failOnWarnings: true,
        endpointType: "REGIONAL",
        backup: {
          directory: resolve(context.cwd, String(values["backup-dir"])),
          cwd: context.cwd,
          now: context.now(),
        },
        log: context.log,
      });
      await gateway.createDeployment(api, {
        stageName: target.stage,
        description: `cellar-gateway canary of ${file}`,
        canarySettings: { percentTraffic: percent, stageVariableOverrides: overrides, useStageCache: false },
      });
      context.log.region(
        region,
        `${target.stage} now: ${describeCanary(await gateway.getStage(api, target.stage))}`,
      );
    });
    return 0;
  },
};
