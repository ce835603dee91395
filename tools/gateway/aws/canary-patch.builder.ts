import type { PatchOperation, Stage } from "./regional-gateway.client.js";

/**
 * UpdateStage operations that put `percent` of a stage's traffic on a canary whose stage variables
 * are overridden (alias=v2-canary: the canary invokes another Lambda alias). A new canary starts
 * on the stage's own deployment, so only the overridden variables differ; an existing canary keeps
 * its deployment and gets the new percentage and overrides.
 */
export function canaryPatch(
  stage: Stage,
  percent: number,
  overrides: Record<string, string>,
): PatchOperation[] {
  const operations: PatchOperation[] = [];
  const isNew = !stage.canarySettings;
  if (isNew)
    operations.push({ op: "replace", path: "/canarySettings/deploymentId", value: stage.deploymentId });
  operations.push({ op: "replace", path: "/canarySettings/percentTraffic", value: String(percent) });
  for (const [name, value] of Object.entries(overrides)) {
    operations.push({ op: "replace", path: `/canarySettings/stageVariableOverrides/${name}`, value });
  }
  if (isNew) operations.push({ op: "replace", path: "/canarySettings/useStageCache", value: "false" });
  return operations;
}

/**
 * Promotion: the stage takes the canary's deployment and keeps its own stage variables (its `alias`
 * names the live Lambda alias, which CodeDeploy moves, not the stage), then the canary settings go
 * away. `adoptVariables` also copies the canary's overrides into the stage, as API Gateway's console
 * promotion does.
 */
export function promotePatch(stage: Stage, adoptVariables: boolean): PatchOperation[] {
  const canary = stage.canarySettings;
  if (!canary) return [];
  const operations: PatchOperation[] = [];
  if (canary.deploymentId && canary.deploymentId !== stage.deploymentId) {
    operations.push({ op: "replace", path: "/deploymentId", value: canary.deploymentId });
  }
  if (adoptVariables) {
    for (const [name, value] of Object.entries(canary.stageVariableOverrides ?? {})) {
      operations.push({ op: "replace", path: `/variables/${name}`, value });
    }
  }
  operations.push({ op: "remove", path: "/canarySettings" });
  return operations;
}

/** Rolling back is dropping the canary: all traffic stays on the stage's deployment and variables. */
export function rollbackPatch(): PatchOperation[] {
  return [{ op: "remove", path: "/canarySettings" }];
}

export function describeCanary(stage: Stage): string {
  const main = `deployment ${stage.deploymentId}, ${formatMap(stage.variables)}`;
  const canary = stage.canarySettings;
  if (!canary) return `no canary; all traffic on ${main}`;
  return `canary ${canary.percentTraffic ?? 0}% on deployment ${canary.deploymentId} with ${formatMap(
    canary.stageVariableOverrides,
  )}; the rest on ${main}`;
}

function formatMap(variables: Record<string, string> | undefined): string {
  const entries = Object.entries(variables ?? {});
  return entries.length ? entries.map(([name, value]) => `${name}=${value}`).join(", ") : "no variables";
}
