import { resolve } from "node:path";
import { GATEWAY_DIR, layout } from "../../../codegen/layout.js";
import type { ApiRef, RegionalGateway, Stage } from "../aws/regional-gateway.client.js";
import type { Command, CommandContext, OptionValues } from "../cli/command.js";
import { GatewayCliError } from "../cli/gateway-cli.error.js";
import { EXAMPLE } from "../cli/help-examples.js";
import { flag, list, optional, regions } from "../cli/option-readers.js";
import {
  type DiffEntry,
  diffDefinitions,
  diffStages,
  type StageSnapshot,
} from "../definition/definition.differ.js";
import {
  loadDefinitionFile,
  loadGeneratedDefinition,
  versionOfStage,
} from "../definition/definition.loader.js";
import { comparableDefinition } from "../definition/definition.normalizer.js";
import { type JsonObject, mapStrings } from "../definition/json.util.js";
import {
  API_TARGET_HELP,
  API_TARGET_OPTIONS,
  type ApiTarget,
  describeApiTargets,
  readApiTargets,
} from "./api-target.reader.js";
import { type Comparison, comparisonDiffers, formatReport } from "./diff-report.formatter.js";

export const diffCommand: Command = {
  name: "diff",
  summary: "compare deployed stages across regions, or with the generated definition (exit 1 if they differ)",
  aws: true,
  failureExitCode: 2,
  options: {
    ...API_TARGET_OPTIONS,
    regions: { type: "string" },
    region: { type: "string" },
    stages: { type: "string" },
    spec: { type: "boolean", default: false },
    file: { type: "string" },
    "gateway-dir": { type: "string", default: GATEWAY_DIR },
    json: { type: "boolean", default: false },
  },
  help: `Usage: cellar-gateway diff --regions us-east-1,us-west-2[,...] [--version ${EXAMPLE.version}] [--stages ${EXAMPLE.liveStage}]
       cellar-gateway diff --spec --region us-east-1 [--version ${EXAMPLE.version}]
       cellar-gateway diff --file <definition> --version ${EXAMPLE.version} --region us-east-1 --stages ${EXAMPLE.liveStage}

Compares what stages serve, by what matters: operations added, removed or changed (parameters,
responses, security, validators), integrations (type, URI, timeouts, templates), authorizers, models,
API-wide settings (gateway responses, request validators), and the stage itself (stage variables,
canary). Region, account and user pool in ARNs are ignored, so regions compare cleanly.

Compares every version's API (${EXAMPLE.allApis}) unless --version or --api picks one, and every
stage of each unless --stages picks some. Across regions, the first region is the baseline and
each API is found by name in the others. With --spec, the baseline is the generated definition of
the API's version (gateway/${EXAMPLE.version}.gen.json for ${EXAMPLE.api}; with --api, the version
is read from the stage name) and the stage must also set every stage variable the definition uses.
With --file, the baseline is that definition (a backup, an export, a rendered file).

Exit status: 0 no differences, 1 differences (for CI), 2 the comparison itself failed.

Options:
${API_TARGET_HELP}
  --regions <r1,r2,...>     regions to compare; with --spec or --file, regions to check
  --region <region>         same as --regions with one region
  --stages <s1,s2,...>      stages to compare (default: every stage of the API in the first region)
  --spec                    compare with the generated definition
  --file <path>             compare with this definition
  --gateway-dir <dir>       where the generated definitions are (default: gateway)
  --json                    print the comparisons as JSON instead of the report
`,
  async run(values, context) {
    const regionList = [...new Set([...regions(values, "regions"), ...regions(values, "region")])];
    const againstDefinition = flag(values, "spec") || optional(values, "file") !== undefined;
    if (!regionList.length) throw new GatewayCliError("--regions (or --region) is required");
    if (!againstDefinition && regionList.length < 2) {
      throw new GatewayCliError(
        "comparing regions needs at least two in --regions; or compare with --spec or --file",
      );
    }
    const targets = readApiTargets(values);
    context.log.line(`diff: ${describeApiTargets(values, targets)}`);
    const comparisons: Comparison[] = [];
    for (const target of targets) {
      comparisons.push(
        ...(againstDefinition
          ? await compareWithDefinition(values, regionList, target, context)
          : await compareRegions(values, regionList, target, context)),
      );
    }
    context.output.stdout(
      flag(values, "json") ? `${JSON.stringify(comparisons, null, 2)}\n` : formatReport(comparisons),
    );
    return comparisons.some(comparisonDiffers) ? 1 : 0;
  },
};

interface LiveStage {
  definition: JsonObject;
  snapshot: StageSnapshot;
}

async function compareRegions(
  values: OptionValues,
  regionList: string[],
  target: ApiTarget,
  context: CommandContext,
): Promise<Comparison[]> {
  const [baselineRegion, ...others] = regionList as [string, ...string[]];
  const baseline = context.gateway(baselineRegion);
  const api = await baseline.requireApi(target.api);
  const baselineStages = await baseline.getStages(api);
  const stageNames = list(values, "stages");
  const names = stageNames.length ? stageNames : baselineStages.map((stage) => stage.stageName ?? "");
  const comparisons: Comparison[] = [];
  const otherApis = new Map<string, ApiRef | undefined>();
  for (const name of names) {
    const left = await liveStage(baseline, api, name, baselineStages, context);
    for (const other of others) {
      const label = { stageName: name, baseline: baselineRegion, other };
      if (!left) {
        comparisons.push({
          ...label,
          stageEntries: [],
          missing: `stage ${name} does not exist in ${baselineRegion}`,
        });
        continue;
      }
      const gateway = context.gateway(other);
      if (!otherApis.has(other)) otherApis.set(other, await gateway.findApi(api.name));
      const otherApi = otherApis.get(other);
      if (!otherApi) {
        comparisons.push({ ...label, stageEntries: [], missing: `no API named ${api.name} in ${other}` });
        continue;
      }
      const right = await liveStage(gateway, otherApi, name, undefined, context);
      if (!right) {
        comparisons.push({ ...label, stageEntries: [], missing: `stage ${name} does not exist in ${other}` });
        continue;
      }
      comparisons.push({
        ...label,
        definition: diffDefinitions(left.definition, right.definition),
        stageEntries: diffStages(left.snapshot, right.snapshot),
      });
    }
  }
  return comparisons;
}

async function compareWithDefinition(
  values: OptionValues,
  regionList: string[],
  target: ApiTarget,
  context: CommandContext,
): Promise<Comparison[]> {
  const file = optional(values, "file");
  const gatewayDir = resolve(context.cwd, String(values["gateway-dir"]));
  const comparisons: Comparison[] = [];
  for (const region of regionList) {
    const gateway = context.gateway(region);
    const api = await gateway.requireApi(target.api);
    const deployed = await gateway.getStages(api);
    const stageNames = list(values, "stages");
    const names = stageNames.length ? stageNames : deployed.map((stage) => stage.stageName ?? "");
    if (!names.length)
      throw new GatewayCliError(`${api.name} has no deployed stage in ${region}; pass --stages`);
    for (const name of names) {
      const version = target.version ?? versionOfStage(name);
      if (!file && !version) {
        throw new GatewayCliError(`cannot tell the version of stage ${name} from its name; pass --version`);
      }
      const source = file
        ? loadDefinitionFile(resolve(context.cwd, file))
        : loadGeneratedDefinition(gatewayDir, version!);
      const label = {
        stageName: name,
        baseline: file ?? layout.gateway(version!),
        other: `${api.name} in ${region}`,
      };
      const live = await liveStage(gateway, api, name, deployed, context);
      if (!live) {
        comparisons.push({
          ...label,
          stageEntries: [],
          missing: `stage ${name} does not exist in ${region}`,
        });
        continue;
      }
      const expected = comparableDefinition(source);
      comparisons.push({
        ...label,
        definition: diffDefinitions(expected, live.definition),
        stageEntries: unsetVariables(expected, live.snapshot),
      });
    }
  }
  return comparisons;
}

async function liveStage(
  gateway: RegionalGateway,
  api: ApiRef,
  name: string,
  known: Stage[] | undefined,
  context: CommandContext,
): Promise<LiveStage | undefined> {
  const stages = known ?? (await gateway.getStages(api));
  const stage = stages.find((item) => item.stageName === name);
  if (!stage) return undefined;
  context.log.region(gateway.region, `exporting ${name} of ${api.name}`);
  const definition = comparableDefinition(await gateway.exportStage(api, name));
  const canary = stage.canarySettings;
  return {
    definition,
    snapshot: {
      variables: stage.variables ?? {},
      ...(canary
        ? {
            canary: {
              percentTraffic: canary.percentTraffic ?? 0,
              stageVariableOverrides: canary.stageVariableOverrides ?? {},
            },
          }
        : {}),
    },
  };
}

/** Stage variables the definition refers to (`stageVariables.alias`) that the stage does not set. */
function unsetVariables(definition: JsonObject, snapshot: StageSnapshot): DiffEntry[] {
  const used = new Set<string>();
  mapStrings(definition, (text) => {
    for (const match of text.matchAll(/stageVariables\.([A-Za-z0-9_]+)/g)) used.add(match[1]!);
    return text;
  });
  return [...used]
    .filter((name) => !(name in snapshot.variables))
    .sort()
    .map((name) => ({
      kind: "removed" as const,
      subject: `stage variable ${name}`,
      details: ["used by the definition, not set on the stage"],
    }));
}
