import { isJsonObject, type JsonObject, jsonEqual } from "./json.util.js";

export interface DiffEntry {
  kind: "added" | "removed" | "changed";
  /** What changed, e.g. `GET /wineries/{wineryId}`, `authorizer cognito`, `stage variable alias`. */
  subject: string;
  /** Field-level lines for `changed` entries: `uri: <left> → <right>`. */
  details: string[];
}

export interface DefinitionDiff {
  operations: DiffEntry[];
  integrations: DiffEntry[];
  authorizers: DiffEntry[];
  models: DiffEntry[];
  settings: DiffEntry[];
}

const METHODS = [
  "get",
  "put",
  "post",
  "delete",
  "options",
  "head",
  "patch",
  "x-amazon-apigateway-any-method",
];
const INTEGRATION = "x-amazon-apigateway-integration";
const AUTHORIZER_EXTENSIONS = ["x-amazon-apigateway-authorizer", "x-amazon-apigateway-authtype"];
const KEYED_SETTINGS = ["x-amazon-apigateway-gateway-responses", "x-amazon-apigateway-request-validators"];
const MAX_DETAILS = 12;

/**
 * What differs between two definitions, by what an operator cares about: which operations exist and
 * their contract, where each one is integrated, authorizers, models and API-wide settings. Both sides
 * are expected in comparable form (see comparableDefinition), so region-bound ARNs never show up.
 */
export function diffDefinitions(left: JsonObject, right: JsonObject): DefinitionDiff {
  const diff: DefinitionDiff = {
    operations: [],
    integrations: [],
    authorizers: [],
    models: [],
    settings: [],
  };
  const leftOperations = operationsOf(left);
  const rightOperations = operationsOf(right);
  for (const [subject, operation] of leftOperations) {
    const other = rightOperations.get(subject);
    if (!other) {
      diff.operations.push({ kind: "removed", subject, details: [] });
      continue;
    }
    const { [INTEGRATION]: leftIntegration, ...leftContract } = operation;
    const { [INTEGRATION]: rightIntegration, ...rightContract } = other;
    const contractDetails = leafDiff(leftContract, rightContract);
    if (contractDetails.length) diff.operations.push({ kind: "changed", subject, details: contractDetails });
    const integrationEntry = diffEntry(
      subject,
      integrationFields(leftIntegration),
      integrationFields(rightIntegration),
    );
    if (integrationEntry) diff.integrations.push(integrationEntry);
  }
  for (const subject of rightOperations.keys()) {
    if (!leftOperations.has(subject)) diff.operations.push({ kind: "added", subject, details: [] });
  }
  // Path-level fields (shared parameters, summaries) apply to every operation under the path.
  diff.operations.push(...diffMaps(pathLevelFields(left), pathLevelFields(right), (path) => `path ${path}`));
  diff.authorizers = diffMaps(securitySchemes(left), securitySchemes(right), (name, scheme) =>
    isJsonObject(scheme) && AUTHORIZER_EXTENSIONS.some((key) => key in scheme)
      ? `authorizer ${name}`
      : `security scheme ${name}`,
  );
  diff.models = diffMaps(component(left, "schemas"), component(right, "schemas"), (name) => `model ${name}`);
  diff.settings = diffSettings(left, right);
  return diff;
}

export function diffIsEmpty(diff: DefinitionDiff): boolean {
  return Object.values(diff).every((entries: DiffEntry[]) => entries.length === 0);
}

function operationsOf(document: JsonObject): Map<string, JsonObject> {
  const operations = new Map<string, JsonObject>();
  const paths = isJsonObject(document.paths) ? document.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isJsonObject(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (isJsonObject(operation)) operations.set(`${methodLabel(method)} ${path}`, operation);
    }
  }
  return operations;
}

function pathLevelFields(document: JsonObject): JsonObject {
  const paths = isJsonObject(document.paths) ? document.paths : {};
  const fields: JsonObject = {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isJsonObject(item)) continue;
    const rest = Object.fromEntries(Object.entries(item).filter(([key]) => !METHODS.includes(key)));
    if (Object.keys(rest).length) fields[path] = rest;
  }
  return fields;
}

function methodLabel(method: string): string {
  return method === "x-amazon-apigateway-any-method" ? "ANY" : method.toUpperCase();
}

// A proxy integration hands the whole response back, so its integration responses never apply.
function integrationFields(integration: unknown): unknown {
  if (!isJsonObject(integration)) return integration;
  const type = String(integration.type ?? "").toLowerCase();
  if (type !== "aws_proxy" && type !== "http_proxy") return integration;
  const { responses: _ignored, ...rest } = integration;
  return rest;
}

function securitySchemes(document: JsonObject): JsonObject {
  return component(document, "securitySchemes");
}

function component(document: JsonObject, name: string): JsonObject {
  const components = isJsonObject(document.components) ? document.components : {};
  const value = components[name];
  return isJsonObject(value) ? value : {};
}

function diffSettings(left: JsonObject, right: JsonObject): DiffEntry[] {
  const entries: DiffEntry[] = [];
  for (const key of KEYED_SETTINGS) {
    const label = key === KEYED_SETTINGS[0] ? "gateway response" : "request validator";
    entries.push(
      ...diffMaps(
        isJsonObject(left[key]) ? left[key] : {},
        isJsonObject(right[key]) ? right[key] : {},
        (name) => `${label} ${name}`,
      ),
    );
  }
  const skip = new Set(["paths", "components", "info", "servers", ...KEYED_SETTINGS]);
  const pick = (document: JsonObject) => {
    const rest: JsonObject = Object.fromEntries(Object.entries(document).filter(([key]) => !skip.has(key)));
    const components = isJsonObject(document.components) ? document.components : {};
    for (const [key, value] of Object.entries(components)) {
      if (key !== "schemas" && key !== "securitySchemes") rest[`components.${key}`] = value;
    }
    return rest;
  };
  entries.push(...diffMaps(pick(left), pick(right), (name) => name));
  return entries;
}

function diffMaps(
  left: JsonObject,
  right: JsonObject,
  label: (name: string, value: unknown) => string,
): DiffEntry[] {
  const entries: DiffEntry[] = [];
  for (const [name, value] of Object.entries(left)) {
    const entry = diffEntry(label(name, value), value, right[name]);
    if (entry) entries.push(entry);
  }
  for (const [name, value] of Object.entries(right)) {
    if (!(name in left)) entries.push({ kind: "added", subject: label(name, value), details: [] });
  }
  return entries;
}

function diffEntry(subject: string, left: unknown, right: unknown): DiffEntry | undefined {
  if (left === undefined && right === undefined) return undefined;
  if (left === undefined) return { kind: "added", subject, details: [] };
  if (right === undefined) return { kind: "removed", subject, details: [] };
  const details = leafDiff(left, right);
  return details.length ? { kind: "changed", subject, details } : undefined;
}

/** Field-level differences, one line each, at most MAX_DETAILS. */
export function leafDiff(left: unknown, right: unknown): string[] {
  const lines: string[] = [];
  collect(left, right, "", lines);
  return lines.length > MAX_DETAILS
    ? [...lines.slice(0, MAX_DETAILS), `… and ${lines.length - MAX_DETAILS} more`]
    : lines;
}

function collect(left: unknown, right: unknown, path: string, lines: string[]): void {
  if (jsonEqual(left, right)) return;
  const here = path ? `${path}: ` : "";
  if (left === undefined) {
    lines.push(`${here}added ${show(right)}`);
    return;
  }
  if (right === undefined) {
    lines.push(`${here}removed (was ${show(left)})`);
    return;
  }
  if (isJsonObject(left) && isJsonObject(right)) {
    for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
      collect(left[key], right[key], path ? `${path}.${key}` : key, lines);
    }
    return;
  }
  if (Array.isArray(left) && Array.isArray(right) && path.endsWith("parameters")) {
    const byKey = (items: unknown[]) =>
      Object.fromEntries(
        items.map((item, index) => [
          isJsonObject(item) && item.name ? `${String(item.in)} ${String(item.name)}` : String(index),
          item,
        ]),
      );
    const leftItems = byKey(left);
    const rightItems = byKey(right);
    for (const key of new Set([...Object.keys(leftItems), ...Object.keys(rightItems)])) {
      collect(leftItems[key], rightItems[key], `${path}[${key}]`, lines);
    }
    return;
  }
  if (
    Array.isArray(left) &&
    Array.isArray(right) &&
    left.length === right.length &&
    [...left, ...right].some((item) => typeof item === "object")
  ) {
    left.forEach((item, index) => {
      collect(item, right[index], `${path}[${index}]`, lines);
    });
    return;
  }
  lines.push(`${here}${show(left)} → ${show(right)}`);
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > 200 ? `${text.slice(0, 197)}…` : text;
}

/** The part of a stage that deploys differently per region: stage variables and any canary. */
export interface StageSnapshot {
  variables: Record<string, string>;
  canary?: { percentTraffic: number; stageVariableOverrides: Record<string, string> };
}

export function diffStages(left: StageSnapshot | undefined, right: StageSnapshot | undefined): DiffEntry[] {
  if (!left && !right) return [];
  if (!left) return [{ kind: "added", subject: "stage", details: [] }];
  if (!right) return [{ kind: "removed", subject: "stage", details: [] }];
  const entries = diffMaps(left.variables, right.variables, (name) => `stage variable ${name}`);
  const canary = diffEntry("canary", left.canary, right.canary);
  if (canary) entries.push(canary);
  return entries;
}
