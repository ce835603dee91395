import { toIdentifier } from "./naming.js";
import { type RequestBodyModel, requestBodyModel } from "./request-bodies.js";
import {
  HTTP_METHODS,
  type OpenApiDocument,
  type OperationObject,
  type ParameterObject,
  type RequestBodyObject,
  type ResponseObject,
  resolveRef,
  type SchemaObject,
  SpecError,
} from "./spec.js";

/** What the generator needs to know about one operation, with every `$ref` except schema refs resolved. */
export interface OperationModel {
  operationId: string;
  method: string;
  /** The path as written in the spec, e.g. `/v1/wineries/{wineryId}`. */
  path: string;
  /** The API version this path belongs to (`v1` for `/v1/...`), or `default` when the spec is unversioned. */
  version: string;
  /** The path relative to the version's base path, e.g. `/wineries/{wineryId}`. */
  relativePath: string;
  summary?: string;
  deprecated: boolean;
  parameters: ParameterModel[];
  requestBody?: RequestBodyModel;
  responses: ResponseModel[];
  /** Security requirements in effect (operation-level, else document-level); empty means public. */
  security: Array<Record<string, string[]>>;
  /** Groups the caller must belong to (vendor extension `x-cellar-groups`). */
  groups: string[];
  object: OperationObject;
}

export interface ParameterModel {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  schema: SchemaObject;
}

export interface ResponseModel {
  status: string;
  contentType?: string;
  schema?: SchemaObject;
  headers: string[];
}

const VERSION_PREFIX = /^\/(v\d+)(\/.*)?$/;

/** The API version a spec path belongs to: `v1` for `/v1/...`, `default` when it has none. */
export function versionOfPath(path: string): string {
  return VERSION_PREFIX.exec(path)?.[1] ?? "default";
}

/** The versions among `items` (operations, routes, functions), each once, sorted. */
export function apiVersionsOf(items: readonly { version: string }[]): string[] {
  return [...new Set(items.map((item) => item.version))].sort();
}

export function collectOperations(doc: OpenApiDocument): OperationModel[] {
  const operations: OperationModel[] = [];
  for (const path of Object.keys(doc.paths).sort()) {
    const item = doc.paths[path]!;
    for (const method of HTTP_METHODS) {
      const object = item[method] as OperationObject | undefined;
      if (!object) continue;
      operations.push(toModel(doc, path, method, object, item.parameters ?? []));
    }
  }
  assertUniqueIds(operations);
  return operations.sort((a, b) => a.operationId.localeCompare(b.operationId));
}

function toModel(
  doc: OpenApiDocument,
  path: string,
  method: string,
  object: OperationObject,
  pathLevelParameters: NonNullable<OperationObject["parameters"]>,
): OperationModel {
  const match = VERSION_PREFIX.exec(path);
  const version = versionOfPath(path);
  const relativePath = match ? match[2] || "/" : path;
  return {
    operationId:
      object.operationId === undefined ? deriveOperationId(method, path) : toIdentifier(object.operationId),
    method,
    path,
    version,
    relativePath,
    summary: object.summary,
    deprecated: object.deprecated === true,
    parameters: mergeParameters(doc, pathLevelParameters, object.parameters ?? []),
    requestBody: object.requestBody
      ? requestBodyModel(doc, resolveRef<RequestBodyObject>(doc, object.requestBody))
      : undefined,
    responses: Object.keys(object.responses)
      .sort()
      .map((status) => toResponse(status, resolveRef<ResponseObject>(doc, object.responses[status]!))),
    security: object.security ?? doc.security ?? [],
    groups: Array.isArray(object["x-cellar-groups"]) ? (object["x-cellar-groups"] as string[]) : [],
    object,
  };
}

/** Operation-level parameters override path-level ones with the same name and location. */
function mergeParameters(
  doc: OpenApiDocument,
  pathLevel: NonNullable<OperationObject["parameters"]>,
  operationLevel: NonNullable<OperationObject["parameters"]>,
): ParameterModel[] {
  const byKey = new Map<string, ParameterModel>();
  for (const raw of [...pathLevel, ...operationLevel]) {
    const parameter = resolveRef<ParameterObject>(doc, raw);
    if (parameter.in === "cookie") continue;
    byKey.set(`${parameter.in}:${parameter.name}`, {
      name: parameter.name,
      in: parameter.in,
      required: parameter.in === "path" ? true : parameter.required === true,
      schema: parameter.schema ?? {},
    });
  }
  return [...byKey.values()];
}

function toResponse(status: string, response: ResponseObject): ResponseModel {
  const contentType = Object.keys(response.content ?? {}).sort()[0];
  return {
    status,
    contentType,
    schema: contentType ? response.content?.[contentType]?.schema : undefined,
    headers: Object.keys(response.headers ?? {}).sort(),
  };
}

export { isJsonContentType } from "./request-bodies.js";

/** `get /v1/wineries/{wineryId}` -> `getV1WineriesWineryId`, for specs that omit operationIds. */
export function deriveOperationId(method: string, path: string): string {
  const words = path
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1));
  return method + words.join("");
}

function assertUniqueIds(operations: OperationModel[]): void {
  const seen = new Map<string, string>();
  for (const operation of operations) {
    const where = `${operation.method.toUpperCase()} ${operation.path}`;
    const previous = seen.get(operation.operationId);
    if (previous)
      throw new SpecError(`operationId "${operation.operationId}" is used by ${previous} and ${where}`);
    if (!/^[A-Za-z_$][\w$]*$/.test(operation.operationId)) {
      throw new SpecError(`operationId "${operation.operationId}" (${where}) must be a valid identifier`);
    }
    seen.set(operation.operationId, where);
  }
}

export function isSecured(operation: OperationModel): boolean {
  return operation.security.some((requirement) => Object.keys(requirement).length > 0);
}
