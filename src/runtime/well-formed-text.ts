import type { ProblemFieldError } from "./problem.js";

const MESSAGE = "must not contain NUL characters or unpaired surrogates";

/**
 * Strings no database text column can hold: NUL (Postgres refuses it) and unpaired surrogates
 * (JSON's `\ud800` escapes allow them, UTF-8 cannot encode them). Valid JSON Schema strings all the
 * same, so they must be refused here, naming the input, before a query turns them into a 500.
 * Every string is checked, property names included. It runs on every request, so it allocates only
 * its own stack of containers still to visit; iterative, so no nesting depth can exhaust the call stack.
 */
export function isWellFormedText(value: unknown): boolean {
  if (typeof value === "string") return isWellFormedString(value);
  if (typeof value !== "object" || value === null) return true;
  const pending: object[] = [value];
  while (pending.length > 0) {
    const record = pending.pop() as Record<string, unknown>;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      const item = record[key];
      if (!isWellFormedString(key)) return false;
      if (typeof item === "string") {
        if (!isWellFormedString(item)) return false;
      } else if (typeof item === "object" && item !== null && !ArrayBuffer.isView(item)) {
        // Bytes (an uploaded file's data) are not text: nothing in them to check, index by index.
        pending.push(item);
      }
    }
  }
  return true;
}

/** Every ill-formed string in `value`, named by its JSON pointer below `path`, in document order. */
export function illFormedText(value: unknown, path: string): ProblemFieldError[] {
  const errors: ProblemFieldError[] = [];
  // Pointers are built only when something is wrong.
  if (!isWellFormedText(value)) collectIllFormedText(value, path, errors);
  return errors;
}

interface Visit {
  value: unknown;
  path: string;
  /** The member name that led here, checked when visited so that errors keep document order. */
  key?: string;
}

function collectIllFormedText(value: unknown, path: string, errors: ProblemFieldError[]): void {
  const pending: Visit[] = [{ value, path }];
  while (pending.length > 0) {
    const visit = pending.pop()!;
    if (visit.key !== undefined && !isWellFormedString(visit.key)) {
      errors.push({ path: visit.path, message: MESSAGE });
    }
    if (typeof visit.value === "string") {
      if (!isWellFormedString(visit.value)) errors.push({ path: visit.path, message: MESSAGE });
      continue;
    }
    if (typeof visit.value !== "object" || visit.value === null || ArrayBuffer.isView(visit.value)) continue;
    const members = Object.entries(visit.value);
    // Last member on top of the stack: members are visited in order, as a recursive walk would.
    for (let index = members.length - 1; index >= 0; index--) {
      const [key, item] = members[index]!;
      const at = `${visit.path}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;
      pending.push({ value: item, path: at, key });
    }
  }
}

function isWellFormedString(text: string): boolean {
  return !text.includes("\u0000") && text.isWellFormed();
}
