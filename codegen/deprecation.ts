import type { OperationModel } from "./operations.js";
import { isJsonContentType } from "./operations.js";
import {
  type OpenApiDocument,
  type RequestBodyObject,
  type ResponseObject,
  resolveRef,
  type SchemaObject,
  SpecError,
} from "./spec.js";

/**
 * An operation's deprecation, from `deprecated: true` plus two vendor extensions: `x-deprecated-at`
 * (when it was deprecated) and `x-sunset` (when it may stop working), both RFC 3339 dates.
 */
export interface OperationDeprecation {
  deprecated: boolean;
  deprecatedAt?: string;
  sunset?: string;
  /** `Deprecation` (RFC 9745: `@<epoch seconds>`) when dated; the wrapper sends `true` otherwise. */
  deprecationHeader?: string;
  /** `Sunset` (RFC 8594), an HTTP-date. */
  sunsetHeader?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}(?:[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2}))?$/;

export function operationDeprecation(operation: OperationModel): OperationDeprecation {
  const where = `${operation.operationId} (${operation.method.toUpperCase()} ${operation.path})`;
  const result: OperationDeprecation = { deprecated: operation.deprecated };
  const deprecatedAt = dateExtension(operation, "x-deprecated-at", where);
  const sunset = dateExtension(operation, "x-sunset", where);
  if (deprecatedAt) {
    if (!operation.deprecated) throw new SpecError(`${where}: x-deprecated-at needs deprecated: true`);
    result.deprecatedAt = deprecatedAt.text;
    result.deprecationHeader = `@${Math.floor(deprecatedAt.time / 1000)}`;
  }
  if (sunset) {
    if (deprecatedAt && sunset.time < deprecatedAt.time)
      throw new SpecError(
        `${where}: x-sunset (${sunset.text}) is before x-deprecated-at (${deprecatedAt.text})`,
      );
    result.sunset = sunset.text;
    result.sunsetHeader = new Date(sunset.time).toUTCString();
  }
  return result;
}

function dateExtension(
  operation: OperationModel,
  key: string,
  where: string,
): { text: string; time: number } | undefined {
  const value = operation.object[key];
  if (value === undefined) return undefined;
  // YAML may hand over a Date for an unquoted timestamp; keep the date part as written.
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  const time = Date.parse(/T/i.test(text) ? text : `${text}T00:00:00Z`);
  if (!DATE.test(text) || Number.isNaN(time))
    throw new SpecError(
      `${where}: ${key} must be an RFC 3339 date (2026-12-31) or date-time, got ${JSON.stringify(value)}`,
    );
  return { text, time };
}

/** Human labels of the deprecated parameters and body fields an operation exchanges. */
export function deprecatedFields(doc: OpenApiDocument, operation: OperationModel): string[] {
  const found = new Set<string>();
  for (const parameter of operation.parameters) {
    const raw = [
      ...(operation.object.parameters ?? []),
      ...((doc.paths[operation.path]?.parameters as unknown[]) ?? []),
    ]
      .map((item) => resolveRef<Record<string, unknown>>(doc, item as Record<string, unknown>))
      .find((item) => item.name === parameter.name && item.in === parameter.in);
    if (raw?.deprecated === true) found.add(`${parameter.in} parameter \`${parameter.name}\``);
  }
  const body = operation.object.requestBody
    ? resolveRef<RequestBodyObject>(doc, operation.object.requestBody)
    : undefined;
  for (const [type, media] of Object.entries(body?.content ?? {}))
    if (isJsonContentType(type) && media.schema)
      walk(doc, media.schema, "request body", "", found, new Set());
  for (const [status, raw] of Object.entries(operation.object.responses)) {
    const response = resolveRef<ResponseObject>(doc, raw);
    for (const [type, media] of Object.entries(response.content ?? {}))
      if (isJsonContentType(type) && media.schema)
        walk(doc, media.schema, `response ${status} body`, "", found, new Set());
  }
  return [...found];
}

/** `path` is the member path inside the body (`.location.lat`, `[].name`), shown as code. */
function walk(
  doc: OpenApiDocument,
  raw: SchemaObject,
  where: string,
  path: string,
  found: Set<string>,
  seen: Set<object>,
): void {
  const schema = resolveRef<SchemaObject>(doc, raw as SchemaObject & { $ref: string });
  if (seen.has(schema)) return;
  seen.add(schema);
  for (const keyword of ["allOf", "oneOf", "anyOf"])
    for (const part of (schema[keyword] as SchemaObject[] | undefined) ?? [])
      walk(doc, part, where, path, found, seen);
  for (const [name, property] of Object.entries((schema.properties as Record<string, SchemaObject>) ?? {})) {
    const resolved = resolveRef<SchemaObject>(doc, property as SchemaObject & { $ref: string });
    const member = `${path}.${name}`;
    if (resolved.deprecated === true || property.deprecated === true)
      found.add(`${where} \`${member.replace(/^\./, "")}\``);
    walk(doc, property, where, member, found, seen);
  }
  if (schema.items && typeof schema.items === "object")
    walk(doc, schema.items as SchemaObject, where, `${path}[]`, found, seen);
}
