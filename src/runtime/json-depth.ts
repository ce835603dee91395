import type { ProblemFieldError } from "./problem.js";

/**
 * How deeply a request body may nest arrays and objects; `{}` and `[]` are one level deep. Every
 * documented body nests three levels or fewer, so 64 refuses nothing a client means to send, while
 * keeping each walk over the value (our checks, ajv, `JSON.stringify`, Postgres `jsonb`) far away
 * from a stack limit. The README's wrapper table and the spec's "Errors" section quote it.
 */
export const MAX_JSON_DEPTH = 64;

/** What a 400 for a body nested too deeply says: the runtime's and the local stage's own endpoints alike. */
export const TOO_DEEP_DETAIL = `The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`;
export const TOO_DEEP_ERROR: ProblemFieldError = {
  path: "/body",
  message: `nested deeper than ${MAX_JSON_DEPTH} levels`,
};

/** Whether `value` nests arrays or objects more than `maxDepth` levels. Iterative: any depth is safe to ask about. */
export function nestsDeeperThan(value: unknown, maxDepth: number = MAX_JSON_DEPTH): boolean {
  if (typeof value !== "object" || value === null) return false;
  // Parallel stacks of containers still to look into and their depths.
  const pending: object[] = [value];
  const depths: number[] = [1];
  while (pending.length > 0) {
    const container = pending.pop() as object;
    const depth = depths.pop() as number;
    if (depth > maxDepth) return true;
    // Indexes, not for...in, for arrays: an import's 50,000 rows should not become 50,000 key strings.
    const items = Array.isArray(container) ? container : Object.values(container);
    for (let index = 0; index < items.length; index++) {
      const item: unknown = items[index];
      if (typeof item === "object" && item !== null) {
        pending.push(item);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}
