import { randomBytes } from "node:crypto";
import type { PatchOperation } from "@aws-sdk/client-api-gateway";
import { parse as parseYaml } from "yaml";
import { isJsonObject, type JsonObject } from "../definition/json.util.js";
import { renderExport } from "./export.renderer.js";
import { validateImport } from "./import.validator.js";
import { applyStagePatch, checkPercent, checkVariables, type StoredStage } from "./stage-patch.applier.js";
import { badRequest, notFound } from "./stand-in.error.js";

export interface StoredDeployment {
  id: string;
  description?: string;
  createdDate: number;
  definition: JsonObject;
}

export interface StoredApi {
  id: string;
  name: string;
  description?: string;
  version?: string;
  createdDate: number;
  endpointTypes: string[];
  definition: JsonObject;
  deployments: Map<string, StoredDeployment>;
  stages: Map<string, StoredStage>;
}

export interface DeploymentRequest {
  stageName?: string;
  stageDescription?: string;
  description?: string;
  variables?: Record<string, string>;
  canarySettings?: {
    percentTraffic?: number;
    stageVariableOverrides?: Record<string, string>;
    useStageCache?: boolean;
  };
}

const KEPT_TOP_LEVEL = new Set(["openapi", "info", "paths", "components", "security", "tags"]);
const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;

/** REST APIs per region, each with its current definition, its deployments (snapshots) and stages. */
export class StandInState {
  private readonly regions = new Map<string, Map<string, StoredApi>>();

  constructor(readonly accountId = "123456789012") {}

  apis(region: string): Map<string, StoredApi> {
    let apis = this.regions.get(region);
    if (!apis) {
      apis = new Map();
      this.regions.set(region, apis);
    }
    return apis;
  }

  api(region: string, id: string): StoredApi {
    const api = this.apis(region).get(id);
    if (!api) throw notFound(`Invalid API identifier specified ${this.accountId}:${id}`);
    return api;
  }

  importApi(region: string, body: string, failOnWarnings: boolean, endpointTypes: string[]): JsonObject {
    const document = parseBody(body);
    const warnings = check(document, region, true, failOnWarnings);
    const info = document.info as JsonObject;
    const api: StoredApi = {
      id: newId(10),
      name: String(info.title),
      ...(typeof info.description === "string" ? { description: info.description } : {}),
      ...(info.version !== undefined ? { version: String(info.version) } : {}),
      createdDate: now(),
      endpointTypes: endpointTypes.length ? endpointTypes : ["EDGE"],
      definition: stored(document),
      deployments: new Map(),
      stages: new Map(),
    };
    this.apis(region).set(api.id, api);
    return { ...describeApi(api), ...(warnings.length ? { warnings } : {}) };
  }

  putApi(region: string, id: string, body: string, mode: string, failOnWarnings: boolean): JsonObject {
    const api = this.api(region, id);
    if (mode !== "merge" && mode !== "overwrite")
      throw badRequest(`Invalid mode '${mode}': use merge or overwrite`);
    const incoming = stored(parseBody(body));
    const next = mode === "overwrite" ? incoming : merge(api.definition, incoming);
    const warnings = check(next, region, false, failOnWarnings);
    api.definition = next;
    const info = isJsonObject(incoming.info) ? incoming.info : {};
    if (mode === "overwrite" && typeof info.title === "string" && info.title) api.name = info.title;
    if (info.version !== undefined) api.version = String(info.version);
    return { ...describeApi(api), ...(warnings.length ? { warnings } : {}) };
  }

  createDeployment(region: string, id: string, request: DeploymentRequest): JsonObject {
    const api = this.api(region, id);
    if (!hasMethods(api.definition)) throw badRequest("The REST API doesn't contain any methods");
    const stageName = request.stageName;
    if (stageName !== undefined && !STAGE_NAME.test(stageName)) {
      throw badRequest(`Stage name only allows a-zA-Z0-9_- (got '${stageName}')`);
    }
    if (request.variables) checkVariables(request.variables, "stage variable");
    const canary = request.canarySettings;
    const existing = stageName ? api.stages.get(stageName) : undefined;
    if (canary && !existing) {
      throw badRequest(`A canary deployment needs an existing stage; '${String(stageName)}' does not exist`);
    }
    const deployment: StoredDeployment = {
      id: newId(6),
      ...(request.description ? { description: request.description } : {}),
      createdDate: now(),
      definition: structuredClone(api.definition),
    };
    api.deployments.set(deployment.id, deployment);
    if (stageName && canary && existing) {
      checkVariables(canary.stageVariableOverrides ?? {}, "stage variable override");
      existing.canarySettings = {
        deploymentId: deployment.id,
        percentTraffic: checkPercent(canary.percentTraffic ?? 0),
        stageVariableOverrides: { ...canary.stageVariableOverrides },
        useStageCache: canary.useStageCache ?? false,
      };
      existing.lastUpdatedDate = now();
    } else if (stageName && existing) {
      existing.deploymentId = deployment.id;
      Object.assign(existing.variables, request.variables);
      existing.lastUpdatedDate = now();
    } else if (stageName) {
      api.stages.set(stageName, {
        stageName,
        deploymentId: deployment.id,
        ...(request.stageDescription ? { description: request.stageDescription } : {}),
        variables: { ...request.variables },
        createdDate: now(),
        lastUpdatedDate: now(),
      });
    }
    const { definition: _snapshot, ...response } = deployment;
    return response as JsonObject;
  }

  stage(region: string, id: string, stageName: string): StoredStage {
    const stage = this.api(region, id).stages.get(stageName);
    if (!stage) throw notFound(`Invalid stage identifier specified`);
    return stage;
  }

  updateStage(region: string, id: string, stageName: string, operations: PatchOperation[]): StoredStage {
    const api = this.api(region, id);
    const stage = this.stage(region, id, stageName);
    const next = applyStagePatch(stage, operations, (deploymentId) => api.deployments.has(deploymentId));
    next.lastUpdatedDate = now();
    api.stages.set(stageName, next);
    return next;
  }

  exportStage(
    region: string,
    id: string,
    stageName: string,
    exportType: string,
    extensions: string[],
  ): JsonObject {
    const api = this.api(region, id);
    if (exportType !== "oas30") {
      throw badRequest(`Export type '${exportType}' is not implemented by the stand-in; use oas30`);
    }
    const stage = this.stage(region, id, stageName);
    const deployment = api.deployments.get(stage.deploymentId);
    if (!deployment) throw notFound(`Invalid deployment identifier specified`);
    return renderExport({
      apiId: api.id,
      apiName: api.name,
      ...(api.version ? { apiVersion: api.version } : {}),
      ...(api.description ? { apiDescription: api.description } : {}),
      region,
      stageName,
      definition: deployment.definition,
      extensions,
    });
  }
}

export function describeApi(api: StoredApi): JsonObject {
  return {
    id: api.id,
    name: api.name,
    ...(api.description ? { description: api.description } : {}),
    createdDate: api.createdDate,
    ...(api.version ? { version: api.version } : {}),
    apiKeySource: "HEADER",
    endpointConfiguration: { types: api.endpointTypes },
    disableExecuteApiEndpoint: false,
  };
}

export function describeStage(stage: StoredStage): JsonObject {
  return {
    ...stage,
    cacheClusterEnabled: false,
    cacheClusterStatus: "NOT_AVAILABLE",
    methodSettings: {},
    tracingEnabled: false,
  };
}

function check(
  document: JsonObject,
  region: string,
  requireTitle: boolean,
  failOnWarnings: boolean,
): string[] {
  const { errors, warnings } = validateImport(document, region, requireTitle);
  if (errors.length) {
    const also = warnings.length
      ? `\nAdditionally, these warnings were found:\n\t${warnings.join("\n\t")}`
      : "";
    throw badRequest(`Errors found during import:\n\t${errors.join("\n\t")}${also}`);
  }
  if (warnings.length && failOnWarnings)
    throw badRequest(`Warnings found during import:\n\t${warnings.join("\n\t")}`);
  return warnings;
}

function parseBody(body: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = body.trimStart().startsWith("{") ? JSON.parse(body) : parseYaml(body);
  } catch {
    throw badRequest("Invalid OpenAPI input: the body is neither JSON nor YAML");
  }
  if (!isJsonObject(parsed)) throw badRequest("Invalid OpenAPI input: expected an object");
  return parsed;
}

// API Gateway keeps what it models (resources, methods, models, authorizers, its own extensions)
// and forgets the rest, such as `servers` and other vendors' extensions.
function stored(document: JsonObject): JsonObject {
  return Object.fromEntries(
    Object.entries(structuredClone(document)).filter(
      ([key]) => KEPT_TOP_LEVEL.has(key) || key.startsWith("x-amazon-apigateway-"),
    ),
  );
}

function merge(current: JsonObject, incoming: JsonObject): JsonObject {
  const next = structuredClone(current);
  for (const [key, value] of Object.entries(incoming)) {
    const existing = next[key];
    if (key === "paths" && isJsonObject(existing) && isJsonObject(value)) {
      for (const [path, item] of Object.entries(value)) {
        const before = existing[path];
        existing[path] = isJsonObject(before) && isJsonObject(item) ? { ...before, ...item } : item;
      }
    } else if (key === "components" && isJsonObject(existing) && isJsonObject(value)) {
      for (const [section, entries] of Object.entries(value)) {
        const before = existing[section];
        existing[section] =
          isJsonObject(before) && isJsonObject(entries) ? { ...before, ...entries } : entries;
      }
    } else if (isJsonObject(existing) && isJsonObject(value) && key.startsWith("x-amazon-apigateway-")) {
      next[key] = { ...existing, ...value };
    } else {
      next[key] = value;
    }
  }
  return next;
}

function hasMethods(definition: JsonObject): boolean {
  const paths = isJsonObject(definition.paths) ? definition.paths : {};
  return Object.values(paths).some((item) => isJsonObject(item) && Object.keys(item).length > 0);
}

function newId(length: number): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join("");
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}
