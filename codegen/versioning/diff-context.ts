import { type Change, makeChange, type OperationRef } from "./change.js";
import type { Location, Origins } from "./location.js";
import type { RuleId } from "./rule-catalog.js";

/** What every rule needs: the operation being compared, both sides' origins, and where to report. */
export interface DiffContext {
  operation: OperationRef;
  baseOrigins: Origins;
  headOrigins: Origins;
  changes: Change[];
}

export type Direction = "request" | "response";

export interface SchemaContext extends DiffContext {
  /** Requests and responses break in opposite directions: a wider request is fine, a wider response is not. */
  direction: Direction;
  /** Pairs already compared, so recursive schemas terminate. */
  seen: WeakMap<object, WeakSet<object>>;
}

export function report(context: DiffContext, rule: RuleId, at: Location, message: string): void {
  context.changes.push(makeChange(rule, context.operation, at.pointer, message, at.source));
}

export function schemaContext(context: DiffContext, direction: Direction): SchemaContext {
  return { ...context, direction, seen: new WeakMap() };
}

export function code(value: unknown): string {
  return `\`${typeof value === "string" ? value : JSON.stringify(value)}\``;
}
