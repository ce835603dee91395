"use strict";
// Converts an OpenAPI 3.0 Schema Object into a JSON Schema (draft-07) that ajv can compile.
// Our own small conversion, independent of codegen/, so that a bug there cannot hide itself.

/** OpenAPI-only keywords: no meaning for validation (`nullable` is applied, then dropped). */
const DROPPED_KEYWORDS = new Set([
  "nullable",
  "example",
  "discriminator",
  "xml",
  "externalDocs",
  "deprecated",
]);
/** Keywords whose value is one schema. */
const SCHEMA_KEYWORDS = new Set(["items", "not", "additionalItems"]);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LIST_KEYWORDS = new Set(["allOf", "anyOf", "oneOf"]);

function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * @param {unknown} schema an OpenAPI 3.0 Schema Object
 * @param {(ref: string) => string} rewriteRef maps `#/components/schemas/X` to where X lives for ajv
 */
function toJsonSchema(schema, rewriteRef) {
  if (!isObject(schema)) return schema;
  // In OpenAPI 3.0 the siblings of a $ref are ignored, so they are dropped here too.
  if (typeof schema.$ref === "string") return { $ref: rewriteRef(schema.$ref) };

  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED_KEYWORDS.has(key) || key.startsWith("x-")) continue;
    if (key === "properties") {
      out.properties = {};
      for (const [name, property] of Object.entries(value))
        out.properties[name] = toJsonSchema(property, rewriteRef);
    } else if (key === "additionalProperties" && isObject(value)) {
      out.additionalProperties = toJsonSchema(value, rewriteRef);
    } else if (SCHEMA_KEYWORDS.has(key)) {
      out[key] = toJsonSchema(value, rewriteRef);
    } else if (SCHEMA_LIST_KEYWORDS.has(key)) {
      out[key] = value.map((item) => toJsonSchema(item, rewriteRef));
    } else {
      out[key] = value;
    }
  }
  convertExclusiveBounds(out);
  return schema.nullable === true ? allowNull(out) : out;
}

/** OpenAPI 3.0 has draft-04 boolean `exclusiveMinimum`/`exclusiveMaximum`; draft-07 wants numbers. */
function convertExclusiveBounds(out) {
  for (const [exclusive, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ]) {
    if (out[exclusive] === true && typeof out[bound] === "number") {
      out[exclusive] = out[bound];
      delete out[bound];
    } else if (typeof out[exclusive] === "boolean") {
      delete out[exclusive];
    }
  }
}

/** `nullable: true` adds null to the allowed values of the schema it sits on. */
function allowNull(out) {
  if (typeof out.type === "string") {
    const result = { ...out, type: [out.type, "null"] };
    if (Array.isArray(out.enum) && !out.enum.includes(null)) result.enum = [...out.enum, null];
    return result;
  }
  return { anyOf: [out, { type: "null" }] };
}

module.exports = { toJsonSchema };
