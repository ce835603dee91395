import type { SchemaObject } from "../../spec.js";
import { report, type SchemaContext } from "../diff-context.js";
import { joinPointer } from "../json-pointer.js";
import type { SchemaNode } from "../operation-view.js";
import { type SchemaShape, sameShape } from "../schema-shape.js";

export type Recurse = (base: SchemaNode, head: SchemaNode, label: string) => void;

/** Properties added, removed (or renamed) and made required or optional, then each shared one. */
export function compareProperties(
  context: SchemaContext,
  base: SchemaShape,
  head: SchemaShape,
  label: string,
  recurse: Recurse,
): void {
  const request = context.direction === "request";
  // readOnly values never travel in requests, writeOnly ones never in responses.
  const skipped = (node: SchemaNode) =>
    request ? node.schema.readOnly === true : node.schema.writeOnly === true;
  const added = [...head.properties].filter(([name, node]) => !base.properties.has(name) && !skipped(node));
  for (const [name, node] of base.properties) {
    if (head.properties.has(name) || skipped(node)) continue;
    const renamedTo = added.find(([, candidate]) =>
      sameShape(candidate.schema, node.schema as SchemaObject),
    )?.[0];
    const hint = renamedTo ? ` (renamed to \`${renamedTo}\`?)` : "";
    report(
      context,
      request ? "request-property-removed" : "response-property-removed",
      node,
      `${label}: property \`${name}\` removed${hint}`,
    );
  }
  for (const [name, node] of added) {
    if (!request) report(context, "response-property-added", node, `${label}: property \`${name}\` added`);
    else if (head.required.has(name))
      report(context, "request-property-added-required", node, `${label}: new required property \`${name}\``);
    else
      report(context, "request-property-added-optional", node, `${label}: new optional property \`${name}\``);
  }
  for (const [name, headNode] of head.properties) {
    const baseNode = base.properties.get(name);
    if (!baseNode || skipped(headNode)) continue;
    const wasRequired = base.required.has(name);
    const isRequired = head.required.has(name);
    if (wasRequired !== isRequired) {
      const message = `${label}: property \`${name}\` is now ${isRequired ? "required" : "optional"}`;
      if (request)
        report(
          context,
          isRequired ? "request-property-made-required" : "request-property-made-optional",
          headNode,
          message,
        );
      else
        report(
          context,
          isRequired ? "response-property-made-required" : "response-property-made-optional",
          headNode,
          message,
        );
    }
    recurse(baseNode, headNode, `${label}.${name}`);
  }
}

export function compareAdditionalProperties(
  context: SchemaContext,
  base: SchemaShape,
  head: SchemaShape,
  label: string,
  recurse: Recurse,
): void {
  const before = base.additionalProperties;
  const after = head.additionalProperties;
  if (typeof before === "object" && typeof after === "object") {
    recurse(before, after, `${label}.*`);
    return;
  }
  if (before === after) return;
  const where = {
    pointer: joinPointer(head.node.pointer, "additionalProperties"),
    source: joinPointer(head.node.source, "additionalProperties"),
  };
  const describe = (value: boolean | SchemaNode) => (typeof value === "object" ? "a schema" : String(value));
  const message = `${label}: additionalProperties changed from ${describe(before)} to ${describe(after)}`;
  if (context.direction === "response")
    report(context, "response-additional-properties-changed", where, message);
  // true -> schema or anything -> false accepts fewer extra members.
  else if (after === false || before === true)
    report(context, "request-additional-properties-tightened", where, message);
  else report(context, "request-additional-properties-loosened", where, message);
}

/** oneOf/anyOf variants, matched by position. */
export function compareVariants(
  context: SchemaContext,
  base: SchemaShape,
  head: SchemaShape,
  label: string,
  recurse: Recurse,
): void {
  const before = base.variants?.nodes ?? [];
  const after = head.variants?.nodes ?? [];
  const request = context.direction === "request";
  for (let index = 0; index < Math.max(before.length, after.length); index++) {
    const left = before[index];
    const right = after[index];
    if (left && right) recurse(left, right, `${label}|${index}`);
    else if (left)
      report(
        context,
        request ? "request-variant-removed" : "response-variant-removed",
        left,
        `${label}: variant ${index} removed`,
      );
    else if (right)
      report(
        context,
        request ? "request-variant-added" : "response-variant-added",
        right,
        `${label}: variant ${index} added`,
      );
  }
}
