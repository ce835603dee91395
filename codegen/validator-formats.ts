import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Format } from "ajv";
import { _ } from "ajv";
import { fullFormats } from "ajv-formats/dist/formats.js";
import { FORMAT_CHECKS } from "./format-checks.js";

/**
 * Our own checks for the formats the spec uses most, instead of ajv-formats' (see
 * `format-checks.ts`). Each is a small self-contained function written once per spec into the
 * validators' helpers module, so a bundle needs ajv-formats (7.5 KB minified, ~1.6 ms of a cold
 * start) only for a format still checked by one of its functions, and a Lambda's first request
 * compiles no regular expression (0.2-0.5 ms each on first use).
 *
 * - `uri`, `uri-reference`: ajv-formats' fast expressions (a scheme, then no whitespace). The full
 *   RFC 3986 expressions take V8 ~6 ms to compile on first use.
 * - `date`, `date-time`: RFC 3339 with every field in range (month 01-12, day 01-31, hour 00-23,
 *   offset up to 23:59), in the lexical forms ajv-formats accepts. Unlike the full check, a day the
 *   month lacks (`2025-02-30`) and a leap second at another minute than 23:59 UTC pass, as with
 *   ajv-formats' fast table, which also lets through month 19 or hour 29.
 * - `uuid`: ajv-formats' expression (an optional `urn:uuid:` prefix, any version).
 */
const OWN_FORMAT_FUNCTIONS = new Set<unknown>(Object.values(FORMAT_CHECKS));

/** The code ajv emits for a format checked by a function: a reference into the table it came from. */
export const formatsCode = _`require("ajv-formats/dist/formats").fullFormats`;

/**
 * Definitions for every format the spec uses: ours above, else ajv-formats' full table (OpenAPI's
 * `int32`, `byte`, … included), else, for formats nobody defines (GitHub's `repo.nwo`), `true`:
 * an annotation, as ajv treats it without `strict`, minus a warning per schema.
 */
export function formatDefinitions(used: Iterable<string>): Record<string, Format> {
  const definitions: Record<string, Format> = {};
  for (const name of [...new Set(used)].sort()) {
    definitions[name] = ownValue(FORMAT_CHECKS, name) ?? ownValue(fullFormats, name) ?? true;
  }
  return definitions;
}

/** `table[name]`, but never something inherited (`format: constructor` is not a format). */
function ownValue<T>(table: Record<string, T>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

/** The function name of one of our own format checks (`isUri`), else `undefined`. */
export function ownFormatName(format: unknown): string | undefined {
  return typeof format === "function" && OWN_FORMAT_FUNCTIONS.has(format) ? format.name : undefined;
}

/** The JavaScript declaration of our own format check `name`, to write into the validators' helpers. */
export function ownFormatCode(name: string): string {
  const code = formatCheckSources().get(name);
  if (code === undefined) throw new Error(`format-checks.ts: no function declaration named ${name}`);
  return code;
}

let sources: Map<string, string> | undefined;

/**
 * Each function of `format-checks.ts` as JavaScript, cut from the file itself: a function's
 * `toString()` depends on what loaded the generator (tsx and vitest print it differently), and
 * generated files must not. The functions keep their TypeScript to the signature (see that file),
 * so dropping the annotations there leaves JavaScript; a transpiler would cost ~90 ms per run.
 */
function formatCheckSources(): Map<string, string> {
  if (sources) return sources;
  const source = readFileSync(fileURLToPath(new URL("./format-checks.ts", import.meta.url)), "utf8");
  sources = new Map();
  for (const [, name, body] of source.matchAll(FORMAT_CHECK_DECLARATION)) {
    sources.set(name!, `function ${name}(value) {\n${body}}`);
  }
  return sources;
}

const FORMAT_CHECK_DECLARATION = /^export function (\w+)\(value: string\): boolean \{\n([\s\S]*?)^\}$/gm;
