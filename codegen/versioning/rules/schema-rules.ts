import type { SchemaContext } from "../diff-context.js";
import type { SchemaNode } from "../operation-view.js";
import { shapeOf } from "../schema-shape.js";
import { compareConstraints } from "./schema-constraint-rules.js";
import { compareAdditionalProperties, compareProperties, compareVariants } from "./schema-property-rules.js";
import {
  compareAnnotations,
  compareDefault,
  compareEnum,
  compareNullable,
  compareType,
} from "./schema-value-rules.js";

/** Compares two schemas in the direction of the context, reporting into it; recursive schemas stop at a revisit. */
export function compareSchema(
  context: SchemaContext,
  base: SchemaNode,
  head: SchemaNode,
  label: string,
): void {
  const visited = context.seen.get(base.schema) ?? new WeakSet<object>();
  context.seen.set(base.schema, visited);
  if (visited.has(head.schema)) return;
  visited.add(head.schema);

  const before = shapeOf(context.baseOrigins, base);
  const after = shapeOf(context.headOrigins, head);
  const recurse = (left: SchemaNode, right: SchemaNode, childLabel: string) =>
    compareSchema(context, left, right, childLabel);
  compareAnnotations(context, before, after, label);
  if (!compareType(context, before, after, label)) return;
  compareNullable(context, before, after, label);
  compareEnum(context, before, after, label);
  compareConstraints(context, before, after, label);
  compareDefault(context, before, after, label);
  compareProperties(context, before, after, label, recurse);
  compareAdditionalProperties(context, before, after, label, recurse);
  if (before.items && after.items) recurse(before.items, after.items, `${label}[]`);
  compareVariants(context, before, after, label, recurse);
}
