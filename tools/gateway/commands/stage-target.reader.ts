import type { OptionValues } from "../cli/command.js";
import { GatewayCliError } from "../cli/gateway-cli.error.js";
import { regions, required } from "../cli/option-readers.js";

export interface StageTarget {
  api: string;
  stage: string;
  regions: string[];
}

/** `--api`, `--stage` and `--region` or `--regions`: the stage a canary command acts on, per region. */
export function readStageTarget(values: OptionValues): StageTarget {
  const list = [...new Set([...regions(values, "region"), ...regions(values, "regions")])];
  if (!list.length) throw new GatewayCliError("--region (or --regions r1,r2) is required");
  return { api: required(values, "api"), stage: required(values, "stage"), regions: list };
}

export const STAGE_TARGET_OPTIONS = {
  api: { type: "string" },
  stage: { type: "string" },
  region: { type: "string" },
  regions: { type: "string" },
} as const;

export const STAGE_TARGET_HELP = `  --api <id|name>           the REST API (by name when several regions are given)
  --stage <name>            the stage, e.g. prodv2
  --region <region>         where; or --regions r1,r2,... to act on each in turn`;
