import { type Level, levelOf, type RuleId } from "./rule-catalog.js";
import type { Bump } from "./semver.js";

/** One classified difference between a released contract and the current spec. */
export interface Change {
  rule: RuleId;
  level: Level;
  operationId: string;
  method: string;
  /** The full path, e.g. `/v1/wineries/{wineryId}`. */
  path: string;
  /** JSON pointer into the dereferenced spec (every `$ref` inlined), e.g. `/paths/~1v1~1ping/get/responses/200`. */
  pointer: string;
  /** Where to edit openapi.yaml when the change sits inside a referenced component. */
  source?: string;
  message: string;
}

export interface OperationRef {
  operationId: string;
  method: string;
  path: string;
}

export function makeChange(
  rule: RuleId,
  operation: OperationRef,
  pointer: string,
  message: string,
  source?: string,
): Change {
  const change: Change = {
    rule,
    level: levelOf(rule),
    operationId: operation.operationId,
    method: operation.method,
    path: operation.path,
    pointer,
    message,
  };
  if (source && source !== `#${pointer}`) change.source = source;
  return change;
}

const ORDER: Record<Level, number> = { breaking: 0, additive: 1, compatible: 2 };

/** breaking -> major, additive -> minor, anything else -> patch; nothing at all -> none. */
export function bumpFor(changes: readonly Change[]): Bump {
  if (changes.some((change) => change.level === "breaking")) return "major";
  if (changes.some((change) => change.level === "additive")) return "minor";
  return changes.length > 0 ? "patch" : "none";
}

export function sortChanges(changes: Change[]): Change[] {
  return changes.sort(
    (a, b) =>
      a.path.localeCompare(b.path) ||
      a.method.localeCompare(b.method) ||
      ORDER[a.level] - ORDER[b.level] ||
      a.pointer.localeCompare(b.pointer) ||
      a.rule.localeCompare(b.rule),
  );
}

export function operationLabel(change: OperationRef): string {
  return `${change.operationId} (${change.method.toUpperCase()} ${change.path})`;
}
