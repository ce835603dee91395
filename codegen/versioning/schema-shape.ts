import type { SchemaObject } from "../spec.js";
import { childLocation, type Origins } from "./location.js";
import type { SchemaNode } from "./operation-view.js";

/** A schema reduced to what the rules compare, with `allOf` merged into one object. */
export interface SchemaShape {
  node: SchemaNode;
  /** Declared type, or the one implied by `properties`/`items`; undefined means any. */
  type?: string;
  format?: string;
  nullable: boolean;
  enum?: unknown[];
  properties: Map<string, SchemaNode>;
  required: Set<string>;
  /** `true` when absent (OpenAPI's default), `false`, or a schema for the extra values. */
  additionalProperties: boolean | SchemaNode;
  items?: SchemaNode;
  variants?: { keyword: "oneOf" | "anyOf"; nodes: SchemaNode[] };
  constraints: Partial<Record<ConstraintKeyword, unknown>>;
  hasDefault: boolean;
  default?: unknown;
  deprecated: boolean;
  readOnly: boolean;
  writeOnly: boolean;
  description?: string;
}

export const UPPER_BOUNDS = ["maximum", "maxLength", "maxItems", "maxProperties"] as const;
export const LOWER_BOUNDS = ["minimum", "minLength", "minItems", "minProperties"] as const;
export const FLAG_CONSTRAINTS = ["exclusiveMaximum", "exclusiveMinimum", "uniqueItems"] as const;
export type ConstraintKeyword =
  | (typeof UPPER_BOUNDS)[number]
  | (typeof LOWER_BOUNDS)[number]
  | (typeof FLAG_CONSTRAINTS)[number]
  | "pattern"
  | "multipleOf";
const CONSTRAINTS: readonly ConstraintKeyword[] = [
  ...UPPER_BOUNDS,
  ...LOWER_BOUNDS,
  ...FLAG_CONSTRAINTS,
  "pattern",
  "multipleOf",
];

export function shapeOf(origins: Origins, node: SchemaNode): SchemaShape {
  // The schema itself first, so its own keywords win over those of its allOf parts.
  const parts = allOfParts(origins, node, new Set());
  const first = <T>(pick: (schema: SchemaObject) => T | undefined): T | undefined => {
    for (const part of parts) {
      const value = pick(part.schema);
      if (value !== undefined) return value;
    }
    return undefined;
  };
  const properties = new Map<string, SchemaNode>();
  const required = new Set<string>();
  let additionalProperties: boolean | SchemaNode = true;
  for (const part of parts) {
    const own = part.schema.properties as Record<string, SchemaObject> | undefined;
    for (const [name, schema] of Object.entries(own ?? {})) {
      if (!schema || typeof schema !== "object") continue;
      if (!properties.has(name))
        properties.set(name, { ...childLocation(origins, part, schema, "properties", name), schema });
    }
    if (Array.isArray(part.schema.required))
      for (const name of part.schema.required) required.add(String(name));
    const extra = part.schema.additionalProperties;
    if (extra === false) additionalProperties = false;
    else if (extra && typeof extra === "object" && additionalProperties === true)
      additionalProperties = {
        ...childLocation(origins, part, extra, "additionalProperties"),
        schema: extra as SchemaObject,
      };
  }
  const itemsOwner = parts.find((part) => part.schema.items && typeof part.schema.items === "object");
  const items = itemsOwner
    ? {
        ...childLocation(origins, itemsOwner, itemsOwner.schema.items, "items"),
        schema: itemsOwner.schema.items as SchemaObject,
      }
    : undefined;
  const declaredType = first((schema) => (typeof schema.type === "string" ? schema.type : undefined));
  const type = declaredType ?? (properties.size > 0 ? "object" : items ? "array" : undefined);
  const constraints: SchemaShape["constraints"] = {};
  for (const keyword of CONSTRAINTS) {
    const value = first((schema) => schema[keyword]);
    if (value !== undefined) constraints[keyword] = value;
  }
  const defaultOwner = parts.find((part) => "default" in part.schema);
  const shape: SchemaShape = {
    node,
    type,
    format: first((schema) => (typeof schema.format === "string" ? schema.format : undefined)),
    nullable: parts.some((part) => part.schema.nullable === true),
    enum: first((schema) => (Array.isArray(schema.enum) ? schema.enum : undefined)),
    properties,
    required,
    additionalProperties,
    items,
    variants: variantsOf(origins, parts),
    constraints,
    hasDefault: defaultOwner !== undefined,
    default: defaultOwner?.schema.default,
    deprecated: parts.some((part) => part.schema.deprecated === true),
    readOnly: parts.some((part) => part.schema.readOnly === true),
    writeOnly: parts.some((part) => part.schema.writeOnly === true),
    description: typeof node.schema.description === "string" ? node.schema.description : undefined,
  };
  return shape;
}

function allOfParts(origins: Origins, node: SchemaNode, seen: Set<object>): SchemaNode[] {
  if (seen.has(node.schema)) return [];
  seen.add(node.schema);
  const parts = [node];
  const allOf = node.schema.allOf;
  if (Array.isArray(allOf))
    allOf.forEach((schema: SchemaObject, index) => {
      parts.push(
        ...allOfParts(origins, { ...childLocation(origins, node, schema, "allOf", index), schema }, seen),
      );
    });
  return parts;
}

function variantsOf(origins: Origins, parts: SchemaNode[]): SchemaShape["variants"] {
  for (const part of parts)
    for (const keyword of ["oneOf", "anyOf"] as const) {
      const list = part.schema[keyword];
      if (Array.isArray(list))
        return {
          keyword,
          nodes: list.map((schema: SchemaObject, index) => ({
            ...childLocation(origins, part, schema, keyword, index),
            schema,
          })),
        };
    }
  return undefined;
}

/** Structural identity for rename hints: annotations do not count, cycles are cut. */
export function sameShape(a: SchemaObject, b: SchemaObject): boolean {
  return fingerprint(a) === fingerprint(b);
}

function fingerprint(schema: SchemaObject): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(schema, (key, value: unknown) => {
    if (key === "description" || key === "example" || key === "title" || key === "deprecated")
      return undefined;
    if (value && typeof value === "object") {
      if (seen.has(value)) return "[cycle]";
      seen.add(value);
    }
    return value;
  });
}
