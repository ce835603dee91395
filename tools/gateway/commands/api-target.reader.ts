import { API_VERSIONS, apiName, DEFAULT_APP_NAME } from "../../../src/topology/topology.js";
import type { OptionValues } from "../cli/command.js";
import { EXAMPLE } from "../cli/help-examples.js";
import { optional } from "../cli/option-readers.js";

/** One REST API a command acts on, and the API version it serves when the topology says so. */
export interface ApiTarget {
  api: string;
  version?: string;
}

export const API_TARGET_OPTIONS = {
  api: { type: "string" },
  version: { type: "string" },
  app: { type: "string" },
} as const;

export const API_TARGET_HELP = `  --version <v>             the API version (${EXAMPLE.allVersions}): --version ${EXAMPLE.version} is API ${EXAMPLE.api}
  --app <name>              the app the API names start with (default: ${DEFAULT_APP_NAME})
  --api <id|name>           any REST API instead, by id or name`;

/**
 * `--api`, else `--version` (API `<app>-<v>`), else every API version of the topology: the APIs a
 * command like sync or diff acts on.
 */
export function readApiTargets(values: OptionValues): ApiTarget[] {
  const api = optional(values, "api");
  const version = optional(values, "version");
  if (api) return [{ api, ...(version ? { version } : {}) }];
  const app = optional(values, "app");
  return (version ? [version] : API_VERSIONS).map((item) => ({ api: apiName(item, app), version: item }));
}

/** "APIs cellar-v1, cellar-v2 (every version; pick one with --version)", for the first progress line. */
export function describeApiTargets(values: OptionValues, targets: ApiTarget[]): string {
  const names = targets.map((target) => target.api).join(", ");
  const every = !optional(values, "api") && !optional(values, "version");
  return `${targets.length === 1 ? "API" : "APIs"} ${names}${every ? " (every version; pick one with --version)" : ""}`;
}
