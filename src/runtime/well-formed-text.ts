import type { ProblemFieldError } from "./problem.js";

/** Node 20 has String.prototype.isWellFormed (ES2024); the project compiles against the ES2022 library. */
interface Es2024String {
  isWellFormed(): boolean;
}

const MESSAGE = "must not contain NUL characters or unpaired surrogates";

/**
 * Strings no database text column can hold: NUL (Postgres refuses it) and unpaired surrogates
 * (JSON's `\ud800` escapes allow them, UTF-8 cannot encode them). Valid JSON Schema strings all the
 * same, so they must be refused here, naming the input, before a query turns them into a 500.
 * Every string is checked, property names included. Allocates nothing: it runs on every request.
 */
export function isWellFormedText(value: unknown): boolean {
  if (typeof value === "string") return isWellFormedString(value);
  if (typeof value !== "object" || value === null) return true;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    if (!isWellFormedString(key) || !isWellFormedText(record[key])) return false;
  }
  return true;
}

/** Every ill-formed string in `value`, named by its JSON pointer below `path`. */
export function illFormedText(value: unknown, path: string): ProblemFieldError[] {
  const errors: ProblemFieldError[] = [];
  // Pointers are built only when something is wrong.
  if (!isWellFormedText(value)) collectIllFormedText(value, path, errors);
  return errors;
}

function collectIllFormedText(value: unknown, path: string, errors: ProblemFieldError[]): void {
  if (typeof value === "string") {
    if (!isWellFormedString(value)) errors.push({ path, message: MESSAGE });
    return;
  }
  if (typeof value !== "object" || value === null) return;
  for (const [key, item] of Object.entries(value)) {
    const at = `${path}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;
    if (!isWellFormedString(key)) errors.push({ path: at, message: MESSAGE });
    collectIllFormedText(item, at, errors);
  }
}

function isWellFormedString(text: string): boolean {
  return !text.includes("\u0000") && (text as unknown as Es2024String).isWellFormed();
}
