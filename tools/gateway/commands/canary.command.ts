import { resolve } from "node:path";
import { canaryPatch, describeCanary } from "../aws/canary-patch.builder.js";
import { importDefinition } from "../aws/definition.importer.js";
import type { Command } from "../cli/command.js";
import { GatewayCliError } from "../cli/gateway-cli.error.js";
import { EXAMPLE } from "../cli/help-examples.js";
import { account, flag, keyValues, optional, required } from "../cli/option-readers.js";
import { readUserPool, USER_POOL_HELP } from "../cli/user-pool.reader.js";
import { loadDefinitionFile } from "../definition/definition.loader.js";
import { prepareDefinition, summarizeRewrites } from "../definition/definition.preparer.js";
import { eachRegion } from "./each-region.runner.js";
import { readStageTarget, STAGE_TARGET_HELP, STAGE_TARGET_OPTIONS } from "./stage-target.reader.js";

export const canaryCommand: Command = {
  name: "canary",
  summary: "send a percentage of a stage's traffic to a canary deployment of a changed definition",
  aws: true,
  options: {
    ...STAGE_TARGET_OPTIONS,
    percent: { type: "string" },
    alias: { type: "string" },
    overrides: { type: "string" },
    file: { type: "string" },
    account: { type: "string" },
    "user-pool-arn": { type: "string" },
    "user-pools": { type: "string" },
    "backup-dir": { type: "string", default: ".gateway-backups" },
    "dry-run": { type: "boolean", default: false },
  },
  help: `Usage: cellar-gateway canary --version ${EXAMPLE.version} --file ${EXAMPLE.version}-next.json --percent 10 --region us-east-1

Sets up (or adjusts) an API Gateway canary release on a stage (--version ${EXAMPLE.version}: ${EXAMPLE.liveStage} of ${EXAMPLE.api}):
--percent of the stage's traffic goes to the canary. The canary is for definition changes (routes,
validators, authorizers, gateway responses): with --file, the definition is imported first (with a
backup) and deployed as the canary (CreateDeployment with canary settings); the stage's own
deployment keeps serving the rest. Code changes do not go through here: they move through the
Lambda aliases the stages invoke (CodeDeploy shifts the live alias ${EXAMPLE.liveAlias}).

Without --file, a new canary runs the stage's current deployment and an existing one keeps its
deployment; only --percent and stage variable overrides change. --alias overrides the \`alias\`
stage variable for the canary's share (e.g. --alias ${EXAMPLE.previewAlias}: try the definition against the
release candidate's code).

Then \`promote\` makes the canary's deployment the stage's (keeping the stage's variables), or
\`rollback\` removes it.

Options:
${STAGE_TARGET_HELP}
  --percent <0-100>         share of the traffic for the canary, e.g. 10 or 2.5
  --file <path>             a new definition to deploy as the canary
  --alias <name>            the Lambda alias for the canary (overrides the \`alias\` stage variable)
  --overrides k=v,...       other stage variable overrides for the canary
${USER_POOL_HELP.arn}
${USER_POOL_HELP.perRegion}
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
    const userPool = readUserPool(values);
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
      const { document, rewrites } = prepareDefinition(
        loadDefinitionFile(resolve(context.cwd, file)),
        { region, ...(accountId ? { accountId } : {}), ...userPool(region) },
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
