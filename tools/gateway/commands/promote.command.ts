import { describeCanary, promotePatch } from "../aws/canary-patch.builder.js";
import type { Command } from "../cli/command.js";
import { GatewayCliError } from "../cli/gateway-cli.error.js";
import { EXAMPLE } from "../cli/help-examples.js";
import { flag } from "../cli/option-readers.js";
import { eachRegion } from "./each-region.runner.js";
import { readStageTarget, STAGE_TARGET_HELP, STAGE_TARGET_OPTIONS } from "./stage-target.reader.js";

export const promoteCommand: Command = {
  name: "promote",
  summary: "make a stage's canary deployment the stage's, keeping the stage's variables",
  aws: true,
  options: {
    ...STAGE_TARGET_OPTIONS,
    "adopt-variables": { type: "boolean", default: false },
    "dry-run": { type: "boolean", default: false },
  },
  help: `Usage: cellar-gateway promote --version ${EXAMPLE.version} --region us-east-1

Promotes the stage's canary: the stage takes the canary's deployment (the definition it tried) and
keeps its own stage variables, and the canary settings are removed. The stage's \`alias\` variable
stays ${EXAMPLE.liveAlias} on ${EXAMPLE.liveStage}: it names the live Lambda alias, whose version is moved by CodeDeploy, not
by the stage; a canary's --alias override was for trying the definition against other code only.
Fails if the stage has no canary.

Options:
${STAGE_TARGET_HELP}
  --adopt-variables         also copy the canary's stage variable overrides into the stage (API
                            Gateway's console promotion: after a canary with --alias ${EXAMPLE.previewAlias}, the
                            stage would invoke ${EXAMPLE.previewAlias} from then on)
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
      const operations = promotePatch(stage, flag(values, "adopt-variables"));
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
