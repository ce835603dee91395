import { type OpenApiDocument, resolveRef, type SchemaObject } from "./spec.js";

const SCALARS = new Set(["string", "number", "integer", "boolean"]);

/** A schema with its own `$ref` (one level) resolved. */
export function resolveSchema(doc: OpenApiDocument, schema: SchemaObject): SchemaObject {
  return typeof schema.$ref === "string" ? resolveRef<SchemaObject>(doc, schema as { $ref: string }) : schema;
}

/**
 * The JSON type a parameter's (or a form field's) raw string is coerced into at runtime, and its
 * items' type for an array.
 */
export function valueType(doc: OpenApiDocument, schema: SchemaObject): { type: string; itemType?: string } {
  const resolved = resolveSchema(doc, schema);
  const type = typeof resolved.type === "string" ? resolved.type : "unknown";
  if (type === "array") {
    const items = resolveSchema(doc, (resolved.items as SchemaObject | undefined) ?? {});
    const itemType = typeof items.type === "string" && SCALARS.has(items.type) ? items.type : "unknown";
    return { type, itemType };
  }
  return { type: SCALARS.has(type) || type === "object" ? type : "unknown" };
}
