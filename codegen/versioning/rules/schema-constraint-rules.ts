import { code, report, type SchemaContext } from "../diff-context.js";
import { joinPointer } from "../json-pointer.js";
import { type ConstraintKeyword, LOWER_BOUNDS, type SchemaShape, UPPER_BOUNDS } from "../schema-shape.js";

/** `changed`: neither a subset nor a superset (a new pattern), so it breaks in both directions. */
type Verdict = "narrowed" | "widened" | "changed";

/**
 * Bounds, patterns and flags. Narrowing rejects requests that used to pass; widening lets responses
 * carry values a client built on the released contract may not handle.
 */
export function compareConstraints(
  context: SchemaContext,
  base: SchemaShape,
  head: SchemaShape,
  label: string,
): void {
  const keywords = new Set([
    ...Object.keys(base.constraints),
    ...Object.keys(head.constraints),
  ]) as Set<ConstraintKeyword>;
  for (const keyword of [...keywords].sort()) {
    const before = base.constraints[keyword];
    const after = head.constraints[keyword];
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    const verdict = classify(keyword, before, after);
    const rule =
      context.direction === "request"
        ? verdict === "widened"
          ? "request-constraint-widened"
          : "request-constraint-narrowed"
        : verdict === "narrowed"
          ? "response-constraint-narrowed"
          : "response-constraint-widened";
    const message =
      before === undefined
        ? `${label}: ${keyword} ${code(after)} added`
        : after === undefined
          ? `${label}: ${keyword} ${code(before)} removed`
          : `${label}: ${keyword} changed from ${code(before)} to ${code(after)}`;
    const shape = after === undefined ? base : head;
    report(
      context,
      rule,
      { pointer: joinPointer(shape.node.pointer, keyword), source: joinPointer(shape.node.source, keyword) },
      message,
    );
  }
}

function classify(keyword: ConstraintKeyword, before: unknown, after: unknown): Verdict {
  if ((UPPER_BOUNDS as readonly string[]).includes(keyword)) {
    if (after === undefined) return "widened";
    if (before === undefined) return "narrowed";
    return Number(after) < Number(before) ? "narrowed" : "widened";
  }
  if ((LOWER_BOUNDS as readonly string[]).includes(keyword)) {
    if (after === undefined) return "widened";
    if (before === undefined) return "narrowed";
    return Number(after) > Number(before) ? "narrowed" : "widened";
  }
  if (keyword === "multipleOf") {
    if (after === undefined) return "widened";
    if (before === undefined) return "narrowed";
    // Every multiple of 10 is a multiple of 5: a divisor of the old step accepts a superset.
    if (Number(before) % Number(after) === 0) return "widened";
    return Number(after) % Number(before) === 0 ? "narrowed" : "changed";
  }
  if (keyword === "pattern")
    return after === undefined ? "widened" : before === undefined ? "narrowed" : "changed";
  // exclusiveMinimum, exclusiveMaximum, uniqueItems: turning the flag on excludes values.
  return after === true ? "narrowed" : "widened";
}
