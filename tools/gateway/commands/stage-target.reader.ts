import { apiName, DEFAULT_APP_NAME, stageName } from "../../../src/topology/topology.js";
import type { OptionValues } from "../cli/command.js";
import { GatewayCliError } from "../cli/gateway-cli.error.js";
import { EXAMPLE } from "../cli/help-examples.js";
import { flag, optional, regions } from "../cli/option-readers.js";

export interface StageTarget {
  api: string;
  stage: string;
  regions: string[];
}

/**
 * The stage a command acts on, per region: `--version` (API `<app>-<v>`, stage `prod<v>`, or
 * `preview<v>` with `--preview`), or `--api` and `--stage`, each of which overrides its default.
 */
export function readStageTarget(values: OptionValues): StageTarget {
  const list = [...new Set([...regions(values, "region"), ...regions(values, "regions")])];
  if (!list.length) throw new GatewayCliError("--region (or --regions r1,r2) is required");
  const version = optional(values, "version");
  const role = flag(values, "preview") ? "preview" : "live";
  const api = optional(values, "api") ?? (version ? apiName(version, optional(values, "app")) : undefined);
  const stage = optional(values, "stage") ?? (version ? stageName(version, role) : undefined);
  if (!api || !stage) {
    throw new GatewayCliError(
      `--version is required (e.g. --version ${EXAMPLE.version}), or --api and --stage`,
    );
  }
  return { api, stage, regions: list };
}

/** The stage options alone, for a command that takes one `--region` of its own. */
export const STAGE_OPTIONS = {
  version: { type: "string" },
  preview: { type: "boolean", default: false },
  app: { type: "string" },
  api: { type: "string" },
  stage: { type: "string" },
} as const;

export const STAGE_TARGET_OPTIONS = {
  ...STAGE_OPTIONS,
  region: { type: "string" },
  regions: { type: "string" },
} as const;

export const STAGE_HELP = `  --version <v>             the API version (${EXAMPLE.allVersions}): ${EXAMPLE.version} is stage ${EXAMPLE.liveStage} of ${EXAMPLE.api}
  --preview                 the version's preview stage instead (${EXAMPLE.previewStage})
  --app <name>              the app the API names start with (default: ${DEFAULT_APP_NAME})
  --api <id|name>           another REST API (by name when several regions are given)
  --stage <name>            another stage`;

export const STAGE_TARGET_HELP = `${STAGE_HELP}
  --region <region>         where; or --regions r1,r2,... to act on each in turn`;
