import { readFileSync } from "node:fs";
import { parse } from "yaml";

/** The subset of OpenAPI 3.0 that the generator reads; everything else passes through untouched. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; [key: string]: unknown };
  paths: Record<string, PathItem>;
  components?: {
    schemas?: Record<string, SchemaObject>;
    parameters?: Record<string, ParameterObject | RefObject>;
    responses?: Record<string, ResponseObject | RefObject>;
    requestBodies?: Record<string, RequestBodyObject | RefObject>;
    headers?: Record<string, HeaderObject | RefObject>;
    securitySchemes?: Record<string, Record<string, unknown>>;
    [key: string]: unknown;
  };
  security?: SecurityRequirement[];
  [key: string]: unknown;
}

export type SchemaObject = Record<string, unknown>;
export type SecurityRequirement = Record<string, string[]>;
export interface RefObject {
  $ref: string;
}
export interface ParameterObject {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: SchemaObject;
  description?: string;
  [key: string]: unknown;
}
export interface HeaderObject {
  schema?: SchemaObject;
  required?: boolean;
  [key: string]: unknown;
}
export interface MediaTypeObject {
  schema?: SchemaObject;
  [key: string]: unknown;
}
export interface RequestBodyObject {
  required?: boolean;
  content: Record<string, MediaTypeObject>;
  [key: string]: unknown;
}
export interface ResponseObject {
  description: string;
  headers?: Record<string, HeaderObject | RefObject>;
  content?: Record<string, MediaTypeObject>;
  [key: string]: unknown;
}
export interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: Array<ParameterObject | RefObject>;
  requestBody?: RequestBodyObject | RefObject;
  responses: Record<string, ResponseObject | RefObject>;
  security?: SecurityRequirement[];
  deprecated?: boolean;
  [key: string]: unknown;
}
export type PathItem = {
  parameters?: Array<ParameterObject | RefObject>;
  [method: string]: unknown;
};

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export class SpecError extends Error {
  override name = "SpecError";
}

export function loadSpec(file: string): OpenApiDocument {
  let doc: unknown;
  try {
    const text = readFileSync(file, "utf8");
    // JSON is YAML too, but the YAML parser takes ~30x longer on it (0.8 s on a 1.5 MB spec).
    doc = file.endsWith(".json") ? JSON.parse(text) : parse(text);
  } catch (error) {
    throw new SpecError(`${file}: cannot read or parse as YAML/JSON: ${(error as Error).message}`);
  }
  return assertOpenApi30(doc, file);
}

export function assertOpenApi30(doc: unknown, source: string): OpenApiDocument {
  if (!doc || typeof doc !== "object") throw new SpecError(`${source}: not an object`);
  const candidate = doc as Partial<OpenApiDocument>;
  if (typeof candidate.openapi !== "string" || !candidate.openapi.startsWith("3.0.")) {
    throw new SpecError(
      `${source}: expected "openapi: 3.0.x" (API Gateway imports OpenAPI 3.0 only), found ${JSON.stringify(candidate.openapi)}`,
    );
  }
  if (!candidate.paths || typeof candidate.paths !== "object")
    throw new SpecError(`${source}: no "paths" object`);
  // Present is enough: an empty title is still a string, and YAML reads `version: 1.0` as a number.
  if (candidate.info?.title == null || candidate.info.version == null)
    throw new SpecError(`${source}: "info.title" and "info.version" are required`);
  return candidate as OpenApiDocument;
}

export function isRef(value: unknown): value is RefObject {
  return typeof value === "object" && value !== null && typeof (value as RefObject).$ref === "string";
}

/** Follows local `#/...` references (chains included); external references are out of scope. */
export function resolveRef<T>(doc: OpenApiDocument, value: T | RefObject): T {
  let current: unknown = value;
  const seen = new Set<string>();
  while (isRef(current)) {
    const ref = current.$ref;
    if (seen.has(ref)) throw new SpecError(`$ref cycle without a schema in between: ${ref}`);
    seen.add(ref);
    current = resolvePointer(doc, ref);
  }
  return current as T;
}

/**
 * What one local reference points at, one hop only. The fragment is a JSON pointer inside a URI,
 * so it may be percent-encoded (`#/paths/~1keys~1%7Bid%7D/get`).
 */
export function resolvePointer(doc: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith("#/")) throw new SpecError(`external $ref not supported: ${ref}`);
  const found = pointerTokens(ref).reduce<unknown>(
    (node, key) =>
      node !== null && typeof node === "object" && Object.hasOwn(node, key)
        ? (node as Record<string, unknown>)[key]
        : undefined,
    doc,
  );
  if (found === undefined) throw new SpecError(`unresolved $ref: ${ref}`);
  return found;
}

/** `#/components/schemas/A~1B` -> `["components", "schemas", "A/B"]`. */
export function pointerTokens(ref: string): string[] {
  return decodeFragment(ref.slice(2))
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment; // a lone `%` is a character of the name, not an escape
  }
}
