import type { PatchOperation } from "@aws-sdk/client-api-gateway";
import { badRequest } from "./stand-in.error.js";

export interface StoredCanary {
  deploymentId: string;
  percentTraffic: number;
  stageVariableOverrides: Record<string, string>;
  useStageCache: boolean;
}

export interface StoredStage {
  stageName: string;
  deploymentId: string;
  description?: string;
  variables: Record<string, string>;
  canarySettings?: StoredCanary;
  createdDate: number;
  lastUpdatedDate: number;
}

// API Gateway's documented limits on stage variables.
const VARIABLE_NAME = /^[A-Za-z0-9_]{1,64}$/;
const VARIABLE_VALUE = /^[A-Za-z0-9\-._~:/?#&=,]{1,512}$/;
const SUPPORTED_PATHS = [
  "/description",
  "/deploymentId",
  "/variables/{name}",
  "/canarySettings",
  "/canarySettings/percentTraffic",
  "/canarySettings/deploymentId",
  "/canarySettings/stageVariableOverrides/{name}",
  "/canarySettings/useStageCache",
];

export function checkVariables(variables: Record<string, string>, what: string): void {
  for (const [name, value] of Object.entries(variables)) {
    if (!VARIABLE_NAME.test(name)) throw badRequest(`Invalid ${what} name '${name}'`);
    if (typeof value !== "string" || !VARIABLE_VALUE.test(value)) {
      throw badRequest(`Invalid ${what} value '${String(value)}' for '${name}'`);
    }
  }
}

export function checkPercent(value: unknown): number {
  const percent = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw badRequest(`Invalid percentTraffic '${String(value)}': it must be between 0.0 and 100.0`);
  }
  return percent;
}

/**
 * UpdateStage's patch operations on the paths this stand-in supports, applied in order to a copy
 * of the stage, all or nothing.
 */
export function applyStagePatch(
  stage: StoredStage,
  operations: PatchOperation[],
  deploymentExists: (id: string) => boolean,
): StoredStage {
  const next: StoredStage = structuredClone(stage);
  const canary = (): StoredCanary => {
    // Canary settings start from the stage's own deployment, as the console's "Create canary" does.
    next.canarySettings ??= {
      deploymentId: next.deploymentId,
      percentTraffic: 0,
      stageVariableOverrides: {},
      useStageCache: false,
    };
    return next.canarySettings;
  };
  const deployment = (id: string | undefined): string => {
    if (!id || !deploymentExists(id))
      throw badRequest(`Invalid deployment identifier specified: '${String(id)}'`);
    return id;
  };
  for (const operation of operations) {
    const { op, path = "", value, from } = operation;
    const invalid = () =>
      badRequest(
        `Invalid patch path '${path}' specified for op '${String(op)}'. Must be one of: [${SUPPORTED_PATHS.join(", ")}]`,
      );
    if (op !== "add" && op !== "replace" && op !== "remove" && op !== "copy") {
      throw badRequest(`Invalid patch operation '${String(op)}'`);
    }
    const variable = /^\/variables\/([^/]+)$/.exec(path)?.[1];
    const override = /^\/canarySettings\/stageVariableOverrides\/([^/]+)$/.exec(path)?.[1];
    if (op === "copy") {
      if (path === "/deploymentId" && from === "/canarySettings/deploymentId" && next.canarySettings) {
        next.deploymentId = deployment(next.canarySettings.deploymentId);
      } else if (
        path === "/variables" &&
        from === "/canarySettings/stageVariableOverrides" &&
        next.canarySettings
      ) {
        Object.assign(next.variables, next.canarySettings.stageVariableOverrides);
      } else {
        throw badRequest(`Invalid copy from '${String(from)}' to '${path}'`);
      }
    } else if (path === "/description" && op !== "remove") {
      next.description = value ?? "";
    } else if (path === "/deploymentId" && op === "replace") {
      next.deploymentId = deployment(value);
    } else if (variable) {
      if (op === "remove") delete next.variables[variable];
      else {
        checkVariables({ [variable]: value ?? "" }, "stage variable");
        next.variables[variable] = value ?? "";
      }
    } else if (path === "/canarySettings" && op === "remove") {
      delete next.canarySettings;
    } else if (path === "/canarySettings/percentTraffic" && op !== "remove") {
      canary().percentTraffic = checkPercent(value);
    } else if (path === "/canarySettings/deploymentId" && op === "replace") {
      canary().deploymentId = deployment(value);
    } else if (path === "/canarySettings/useStageCache" && op === "replace") {
      canary().useStageCache = value === "true";
    } else if (override) {
      if (op === "remove") delete canary().stageVariableOverrides[override];
      else {
        checkVariables({ [override]: value ?? "" }, "stage variable override");
        canary().stageVariableOverrides[override] = value ?? "";
      }
    } else {
      throw invalid();
    }
  }
  return next;
}
