import type { SchemaObject } from "./spec.js";

/**
 * OpenAPI 3.0 schema objects are a dialect of JSON Schema draft 4/5: `nullable`, boolean
 * `exclusiveMinimum`, and annotation keywords that ajv's strict mode rejects. This turns one into
 * plain draft-07 for ajv, rewriting `#/components/schemas/X` references with `refPrefix`.
 */
export function toJsonSchema(schema: SchemaObject, refPrefix: string): SchemaObject {
  return convert(schema, refPrefix);
}

const SCHEMA_MAP_KEYWORDS = new Set(["properties", "patternProperties", "definitions"]);
const SCHEMA_LIST_KEYWORDS = new Set(["allOf", "anyOf", "oneOf"]);
const SCHEMA_KEYWORDS = new Set(["not", "additionalProperties", "items", "propertyNames", "contains"]);
const VALUE_KEYWORDS = new Set([
  "type",
  "enum",
  "const",
  "format",
  "default",
  "multipleOf",
  "maximum",
  "minimum",
  "maxLength",
  "minLength",
  "pattern",
  "maxItems",
  "minItems",
  "uniqueItems",
  "maxProperties",
  "minProperties",
  "required",
]);
/** A whole component schema; `hoist-schema-refs.ts` has made every other schema reference one. */
const COMPONENT_REF = /^#\/components\/schemas\/([A-Za-z0-9._-]+)$/;

function convert(schema: SchemaObject, refPrefix: string): SchemaObject {
  if (typeof schema.$ref === "string") {
    const match = COMPONENT_REF.exec(schema.$ref);
    if (!match)
      throw new Error(`only #/components/schemas references are supported in schemas, got ${schema.$ref}`);
    const ref = { $ref: `${refPrefix}${match[1]}` };
    return schema.nullable === true ? { anyOf: [ref, { type: "null" }] } : ref;
  }
  const out: SchemaObject = {};
  for (const key of Object.keys(schema).sort()) {
    const value = schema[key];
    if (SCHEMA_MAP_KEYWORDS.has(key)) {
      out[key] = mapValues(value as Record<string, SchemaObject>, (child) => convert(child, refPrefix));
    } else if (SCHEMA_LIST_KEYWORDS.has(key)) {
      out[key] = (value as SchemaObject[]).map((child) => convert(child, refPrefix));
    } else if (SCHEMA_KEYWORDS.has(key)) {
      out[key] = typeof value === "boolean" ? value : convert(value as SchemaObject, refPrefix);
    } else if (VALUE_KEYWORDS.has(key)) {
      out[key] = value;
    }
    // Everything else (title, description, readOnly, writeOnly, example, xml, externalDocs,
    // discriminator, deprecated, x-*) is annotation only: ajv would copy it into emitted code.
  }
  convertExclusiveBound(schema, out, "exclusiveMinimum", "minimum");
  convertExclusiveBound(schema, out, "exclusiveMaximum", "maximum");
  return schema.nullable === true ? makeNullable(out) : out;
}

function convertExclusiveBound(
  source: SchemaObject,
  out: SchemaObject,
  exclusive: string,
  bound: string,
): void {
  if (source[exclusive] === true && typeof source[bound] === "number") {
    out[exclusive] = source[bound];
    delete out[bound];
  }
}

function makeNullable(schema: SchemaObject): SchemaObject {
  if (typeof schema.type === "string") {
    const nullable: SchemaObject = { ...schema, type: [schema.type, "null"] };
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) nullable.enum = [...schema.enum, null];
    return nullable;
  }
  return { anyOf: [schema, { type: "null" }] };
}

function mapValues<T, U>(record: Record<string, T>, fn: (value: T) => U): Record<string, U> {
  const out: Record<string, U> = {};
  for (const key of Object.keys(record).sort()) out[key] = fn(record[key]!);
  return out;
}

/** Every `format` used anywhere in a schema tree, so the generator can register the unknown ones. */
export function collectFormats(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) {
    for (const item of schema) collectFormats(item, into);
  } else if (schema && typeof schema === "object") {
    for (const [key, value] of Object.entries(schema)) {
      if (key === "format" && typeof value === "string") into.add(value);
      else collectFormats(value, into);
    }
  }
  return into;
}
