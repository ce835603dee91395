import type { PatchOperation, Stage } from "./regional-gateway.client.js";

export interface VariablePatch {
  operations: PatchOperation[];
  /** Variables only the target stage has: kept, since they may be deliberate, but reported. */
  extra: string[];
}

/** The UpdateStage operations that give `target` the `wanted` stage variables. */
export function variablePatch(wanted: Record<string, string>, target: Stage | undefined): VariablePatch {
  const current = target?.variables ?? {};
  const operations: PatchOperation[] = Object.entries(wanted)
    .filter(([name, value]) => current[name] !== value)
    .map(([name, value]) => ({ op: "replace", path: `/variables/${name}`, value }));
  return { operations, extra: Object.keys(current).filter((name) => !(name in wanted)) };
}

export function formatVariables(variables: Record<string, string> | undefined): string {
  const entries = Object.entries(variables ?? {});
  return entries.length ? entries.map(([name, value]) => `${name}=${value}`).join(", ") : "none";
}
