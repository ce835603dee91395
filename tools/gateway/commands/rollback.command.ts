import { describeCanary, rollbackPatch } from "../aws/canary-patch.builder.js";
import type { Command } from "../cli/command.js";
import { GatewayCliError } from "../cli/gateway-cli.error.js";
import { EXAMPLE } from "../cli/help-examples.js";
import { flag } from "../cli/option-readers.js";
import { eachRegion } from "./each-region.runner.js";
import { readStageTarget, STAGE_TARGET_HELP, STAGE_TARGET_OPTIONS } from "./stage-target.reader.js";

export const rollbackCommand: Command = {
  name: "rollback",
  summary: "remove a stage's canary: all traffic back on the stage's deployment and variables",
  aws: true,
  options: {
    ...STAGE_TARGET_OPTIONS,
    "dry-run": { type: "boolean", default: false },
  },
  help: `Usage: cellar-gateway rollback --version ${EXAMPLE.version} --region us-east-1

Removes the stage's canary settings. The stage's own deployment and stage variables never changed
during the canary, so all traffic is back on them at once. Fails if the stage has no canary.

Options:
${STAGE_TARGET_HELP}
  --dry-run                 show the patch operations; change nothing
`,
  async run(values, context) {
    const target = readStageTarget(values);
    await eachRegion("rollback", target.regions, context, async (region) => {
      const gateway = context.gateway(region);
      const api = await gateway.requireApi(target.api);
      const stage = await gateway.getStage(api, target.stage);
      if (!stage.canarySettings) {
        throw new GatewayCliError(`${target.stage} of ${api.name} in ${region} has no canary to roll back`);
      }
      context.log.region(region, `${target.stage} before: ${describeCanary(stage)}`);
      if (flag(values, "dry-run")) {
        context.log.region(
          region,
          `dry run: would UpdateStage ${target.stage}: ${JSON.stringify(rollbackPatch())}`,
        );
        return;
      }
      const updated = await gateway.updateStage(api, target.stage, rollbackPatch());
      context.log.region(region, `${target.stage} rolled back: ${describeCanary(updated)}`);
    });
    return 0;
  },
};
