import { describeCanary, promotePatch } from "../aws/canary-patch.builder.js";
import type { Command } from "../cli/command.js";
import { GatewayCliError } from "../cli/gateway-cli.error.js";
import { flag } from "../cli/option-readers.js";
import { eachRegion } from "./each-region.runner.js";
import { readStageTarget, STAGE_TARGET_HELP, STAGE_TARGET_OPTIONS } from "./stage-target.reader.js";

export const promoteCommand: Command = {
  name: "promote",
  summary: "make a stage's canary the stage: its deployment and stage variable overrides",
  aws: true,
  options: {
    ...STAGE_TARGET_OPTIONS,
    "keep-variables": { type: "boolean", default: false },
    "dry-run": { type: "boolean", default: false },
  },
  help: `Usage: cellar-gateway promote --api cellar --stage prodv2 --region us-east-1

Promotes the stage's canary as API Gateway documents it: the stage takes the canary's deployment
and its stage variable overrides (so after a canary with --alias v2-canary, the stage invokes
the v2-canary alias), and the canary settings are removed. Fails if the stage has no canary.

Options:
${STAGE_TARGET_HELP}
  --keep-variables          keep the stage's own variables (e.g. once the Lambda alias the stage
                            uses has been moved to the new version), promote the deployment only
  --dry-run                 show the patch operations; change nothing
`,
  async run(values, context) {
    const target = readStageTarget(values);
    await eachRegion("promote", target.regions, context, async (region) => {
      const gateway = context.gateway(region);
      const api = await gateway.requireApi(target.api);
      const stage = await gateway.getStage(api, target.stage);
      if (!stage.canarySettings) {
        throw new GatewayCliError(`${target.stage} of ${api.name} in ${region} has no canary to promote`);
      }
      context.log.region(region, `${target.stage} before: ${describeCanary(stage)}`);
      const operations = promotePatch(stage, flag(values, "keep-variables"));
      if (flag(values, "dry-run")) {
        context.log.region(
          region,
          `dry run: would UpdateStage ${target.stage}: ${JSON.stringify(operations)}`,
        );
        return;
      }
      const updated = await gateway.updateStage(api, target.stage, operations);
      context.log.region(region, `${target.stage} promoted: ${describeCanary(updated)}`);
    });
    return 0;
  },
};
