import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "../cli/command.js";
import { flag, optional, region, required } from "../cli/option-readers.js";
import { normalizeDefinition, stringifyDefinition } from "../definition/definition.normalizer.js";

export const exportCommand: Command = {
  name: "export",
  summary: "a deployed stage as OpenAPI 3.0 with integrations and authorizers, normalized",
  aws: true,
  options: {
    api: { type: "string" },
    stage: { type: "string" },
    region: { type: "string" },
    out: { type: "string" },
    raw: { type: "boolean", default: false },
  },
  help: `Usage: cellar-gateway export --api <id|name> --stage prodv1 --region us-east-1 [--out file]

GetExport of the stage's deployment as OpenAPI 3.0 with the integrations and authorizers extensions,
normalized so that two exports diff cleanly: keys in a stable order, parameters sorted, and
\`servers\` (which names the API id and region) dropped. ARNs stay as deployed. The result can be
imported into another region with \`import\`.

Options:
  --api <id|name>         the REST API
  --stage <name>          the stage whose deployment to export
  --region <region>       where the API is
  --out <file>            write there instead of stdout
  --raw                   write API Gateway's export as returned, without normalizing
`,
  async run(values, context) {
    const from = region(required(values, "region"));
    const stage = required(values, "stage");
    const gateway = context.gateway(from);
    const api = await gateway.requireApi(required(values, "api"));
    const exported = await gateway.exportStage(api, stage);
    const text = flag(values, "raw")
      ? `${JSON.stringify(exported, null, 2)}\n`
      : stringifyDefinition(normalizeDefinition(exported));
    const out = optional(values, "out");
    if (out) {
      writeFileSync(resolve(context.cwd, out), text);
      context.log.region(from, `exported ${api.name} (${api.id}) stage ${stage} to ${out}`);
    } else {
      context.output.stdout(text);
    }
    return 0;
  },
};
