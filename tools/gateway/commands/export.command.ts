import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "../cli/command.js";
import { EXAMPLE } from "../cli/help-examples.js";
import { flag, optional } from "../cli/option-readers.js";
import { normalizeDefinition, stringifyDefinition } from "../definition/definition.normalizer.js";
import { readStageTarget, STAGE_HELP, STAGE_OPTIONS } from "./stage-target.reader.js";

export const exportCommand: Command = {
  name: "export",
  summary: "a deployed stage as OpenAPI 3.0 with integrations and authorizers, normalized",
  aws: true,
  options: {
    ...STAGE_OPTIONS,
    region: { type: "string" },
    out: { type: "string" },
    raw: { type: "boolean", default: false },
  },
  help: `Usage: cellar-gateway export --version ${EXAMPLE.version} [--preview] --region us-east-1 [--out file]

GetExport of the stage's deployment (--version ${EXAMPLE.version}: stage ${EXAMPLE.liveStage} of ${EXAMPLE.api}) as OpenAPI 3.0
with the integrations and authorizers extensions, normalized so that two exports diff cleanly: keys
in a stable order, parameters sorted, and \`servers\` (which names the API id and region) dropped.
ARNs stay as deployed. The result can be imported into another region with \`import\`.

Options:
${STAGE_HELP}
  --region <region>         where the API is
  --out <file>              write there instead of stdout
  --raw                     write API Gateway's export as returned, without normalizing
`,
  async run(values, context) {
    const target = readStageTarget(values);
    const from = target.regions[0]!;
    const gateway = context.gateway(from);
    const api = await gateway.requireApi(target.api);
    const exported = await gateway.exportStage(api, target.stage);
    const text = flag(values, "raw")
      ? `${JSON.stringify(exported, null, 2)}\n`
      : stringifyDefinition(normalizeDefinition(exported));
    const out = optional(values, "out");
    if (out) {
      writeFileSync(resolve(context.cwd, out), text);
      context.log.region(from, `exported ${api.name} (${api.id}) stage ${target.stage} to ${out}`);
    } else {
      context.output.stdout(text);
    }
    return 0;
  },
};
