import fc from "fast-check";
import { deref, type JsonObject, type OpenApiDocument } from "../lib/openapi-document.cjs";
import { patternArbitrary, textArbitrary, uriArbitrary, uuidArbitrary } from "./string-arbitraries.js";

/**
 * Values valid for an OpenAPI 3.0 schema, leaning on the edges: bounds, exact maximum lengths and
 * hostile text. Covers the keywords request schemas use; anything else is refused loudly rather than
 * generating values that may not be valid.
 */
export function schemaArbitrary(doc: OpenApiDocument, raw: unknown): fc.Arbitrary<unknown> {
  const schema = deref(doc, raw) as JsonObject;
  const value = nonNullArbitrary(doc, schema);
  return schema.nullable === true ? fc.option(value, { nil: null, freq: 4 }) : value;
}

function nonNullArbitrary(doc: OpenApiDocument, schema: JsonObject): fc.Arbitrary<unknown> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if (Array.isArray(schema.allOf)) return schemaArbitrary(doc, mergeAllOf(doc, schema.allOf));
  switch (schema.type) {
    case "string":
      return stringArbitrary(schema);
    case "number":
      return numberArbitrary(schema, false);
    case "integer":
      return numberArbitrary(schema, true);
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(schemaArbitrary(doc, schema.items ?? {}), {
        minLength: (schema.minItems as number | undefined) ?? 0,
        maxLength: (schema.maxItems as number | undefined) ?? 5,
      });
    case "object":
      return objectArbitrary(doc, schema);
    default:
      throw new Error(`the fuzzer cannot generate values for schema ${JSON.stringify(schema).slice(0, 200)}`);
  }
}

function stringArbitrary(schema: JsonObject): fc.Arbitrary<string> {
  const min = (schema.minLength as number | undefined) ?? 0;
  const max = (schema.maxLength as number | undefined) ?? 60;
  if (typeof schema.pattern === "string") return patternArbitrary(schema.pattern, min, max);
  if (schema.format === "uuid") return uuidArbitrary();
  if (schema.format === "uri") return uriArbitrary(max);
  if (schema.format === "date-time") return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  return textArbitrary(min, max);
}

function numberArbitrary(schema: JsonObject, integer: boolean): fc.Arbitrary<number> {
  const min = (schema.minimum as number | undefined) ?? (integer ? -(2 ** 31) : -1e9);
  const max = (schema.maximum as number | undefined) ?? (integer ? 2 ** 31 : 1e9);
  const minExcluded = schema.exclusiveMinimum === true;
  const maxExcluded = schema.exclusiveMaximum === true;
  const inside = integer
    ? fc.integer({ min: minExcluded ? min + 1 : min, max: maxExcluded ? max - 1 : max })
    : fc.double({ min, max, minExcluded, maxExcluded, noNaN: true, noDefaultInfinity: true });
  const edges = [
    ...(minExcluded ? [] : [min]),
    ...(maxExcluded ? [] : [max]),
    ...(min < 0 && max > 0 ? [0] : []),
  ];
  if (edges.length === 0) return inside;
  return fc.oneof({ weight: 4, arbitrary: inside }, { weight: 1, arbitrary: fc.constantFrom(...edges) });
}

function objectArbitrary(doc: OpenApiDocument, schema: JsonObject): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  const required = (schema.required ?? []) as string[];
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) model[name] = schemaArbitrary(doc, property);
  const minProperties = (schema.minProperties as number | undefined) ?? 0;
  return fc
    .record(model, { requiredKeys: required })
    .filter((value) => Object.keys(value).length >= minProperties) as fc.Arbitrary<Record<string, unknown>>;
}

function mergeAllOf(doc: OpenApiDocument, parts: unknown[]): JsonObject {
  const merged: JsonObject = { type: "object", properties: {}, required: [] };
  for (const part of parts) {
    const schema = deref(doc, part) as JsonObject;
    Object.assign(merged.properties as JsonObject, schema.properties ?? {});
    (merged.required as string[]).push(...((schema.required ?? []) as string[]));
  }
  return merged;
}
