import type { Format } from "ajv";
import { _ } from "ajv";
import { fastFormats, fullFormats } from "ajv-formats/dist/formats.js";

/**
 * Regular expressions used instead of ajv-formats' full checks. A regular expression is emitted
 * into the validator as a literal, so a bundle needs ajv-formats (7.5 KB minified, ~1.6 ms of a
 * cold start) only for a format still checked by a function.
 *
 * - `uri`, `uri-reference`: ajv-formats' fast expressions (a scheme, then no whitespace). The full
 *   RFC 3986 expressions take V8 ~6 ms to compile on first use, which a Lambda pays on its first
 *   request.
 * - `date`, `date-time`: RFC 3339 with every field in range (month 01-12, day 01-31, hour 00-23,
 *   offset up to 23:59), in the lexical forms ajv-formats accepts. Unlike the full check, a day the
 *   month lacks (`2025-02-30`) and a leap second at another minute than 23:59 UTC pass, as with
 *   ajv-formats' fast table, which also lets through month 19 or hour 29.
 */
const CHEAP_FORMATS: Record<string, RegExp> = {
  uri: fastFormats.uri as RegExp,
  "uri-reference": fastFormats["uri-reference"] as RegExp,
  date: /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/,
  "date-time":
    /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[t\s](?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?(?:z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)$/i,
};

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
    definitions[name] = ownValue(CHEAP_FORMATS, name) ?? ownValue(fullFormats, name) ?? true;
  }
  return definitions;
}

/** `table[name]`, but never something inherited (`format: constructor` is not a format). */
function ownValue<T>(table: Record<string, T>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}
