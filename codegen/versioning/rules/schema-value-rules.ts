import { code, report, type SchemaContext } from "../diff-context.js";
import { joinPointer } from "../json-pointer.js";
import type { SchemaShape } from "../schema-shape.js";

/**
 * Type and format. Returns false when the two values are of unrelated types, so the caller stops
 * descending: everything below a type change is noise.
 */
export function compareType(
  context: SchemaContext,
  base: SchemaShape,
  head: SchemaShape,
  label: string,
): boolean {
  const request = context.direction === "request";
  if (base.type !== head.type) {
    const from = base.type ?? "any";
    const to = head.type ?? "any";
    const message = `${label}: type changed from ${code(from)} to ${code(to)}`;
    if (request && (head.type === undefined || (from === "integer" && to === "number"))) {
      report(context, "request-type-widened", at(head, "type"), message);
    } else if (!request && (base.type === undefined || (from === "number" && to === "integer"))) {
      report(context, "response-type-narrowed", at(head, "type"), message);
    } else {
      report(context, request ? "request-type-changed" : "response-type-changed", at(head, "type"), message);
      return false;
    }
  }
  if (base.format !== head.format) {
    const message =
      base.format === undefined
        ? `${label}: format ${code(head.format)} added`
        : head.format === undefined
          ? `${label}: format ${code(base.format)} removed`
          : `${label}: format changed from ${code(base.format)} to ${code(head.format)}`;
    if (request)
      report(
        context,
        head.format === undefined ? "request-format-relaxed" : "request-type-changed",
        at(head, "format"),
        message,
      );
    else
      report(
        context,
        base.format === undefined ? "response-format-added" : "response-type-changed",
        at(head, "format"),
        message,
      );
  }
  return true;
}

export function compareNullable(
  context: SchemaContext,
  base: SchemaShape,
  head: SchemaShape,
  label: string,
): void {
  if (base.nullable === head.nullable) return;
  const where = at(head, "nullable");
  if (context.direction === "response") {
    if (head.nullable) report(context, "response-property-made-nullable", where, `${label}: can now be null`);
    else report(context, "response-property-made-non-nullable", where, `${label}: can no longer be null`);
  } else if (head.nullable) report(context, "request-nullable-added", where, `${label}: now accepts null`);
  else report(context, "request-nullable-removed", where, `${label}: no longer accepts null`);
}

export function compareEnum(
  context: SchemaContext,
  base: SchemaShape,
  head: SchemaShape,
  label: string,
): void {
  if (!base.enum && !head.enum) return;
  const request = context.direction === "request";
  const where = at(head.enum ? head : base, "enum");
  if (!head.enum) {
    const message = `${label}: enum ${code(base.enum)} dropped, any value is now allowed`;
    report(context, request ? "request-enum-value-added" : "response-enum-value-added", where, message);
    return;
  }
  if (!base.enum) {
    const message = `${label}: restricted to enum ${code(head.enum)}`;
    report(context, request ? "request-enum-value-removed" : "response-enum-value-removed", where, message);
    return;
  }
  // `nullable` adds null to the accepted values on its own; it is compared separately.
  const key = (value: unknown) => JSON.stringify(value);
  const before = new Set(base.enum.filter((value) => value !== null).map(key));
  const after = new Set(head.enum.filter((value) => value !== null).map(key));
  const removed = [...before].filter((value) => !after.has(value));
  const added = [...after].filter((value) => !before.has(value));
  if (removed.length > 0) {
    const message = `${label}: enum value(s) ${removed.join(", ")} removed`;
    report(context, request ? "request-enum-value-removed" : "response-enum-value-removed", where, message);
  }
  if (added.length > 0) {
    const message = `${label}: enum value(s) ${added.join(", ")} added`;
    report(context, request ? "request-enum-value-added" : "response-enum-value-added", where, message);
  }
}

/** A changed default silently changes behaviour for every client that leaves the value out. */
export function compareDefault(
  context: SchemaContext,
  base: SchemaShape,
  head: SchemaShape,
  label: string,
): void {
  if (context.direction !== "request") return;
  if (JSON.stringify(base.default) === JSON.stringify(head.default) && base.hasDefault === head.hasDefault)
    return;
  const where = at(head.hasDefault ? head : base, "default");
  if (!base.hasDefault)
    report(context, "request-default-added", where, `${label}: default ${code(head.default)} documented`);
  else if (!head.hasDefault)
    report(context, "request-default-changed", where, `${label}: default ${code(base.default)} removed`);
  else
    report(
      context,
      "request-default-changed",
      where,
      `${label}: default changed from ${code(base.default)} to ${code(head.default)}`,
    );
}

export function compareAnnotations(
  context: SchemaContext,
  base: SchemaShape,
  head: SchemaShape,
  label: string,
): void {
  if (!base.deprecated && head.deprecated)
    report(context, "property-deprecated", at(head, "deprecated"), `${label}: deprecated`);
  if ((base.description ?? "") !== (head.description ?? ""))
    report(context, "documentation-changed", at(head, "description"), `${label}: description changed`);
}

function at(shape: SchemaShape, keyword: string) {
  return {
    pointer: joinPointer(shape.node.pointer, keyword),
    source: joinPointer(shape.node.source, keyword),
  };
}
