import type { RegExpEngine } from "ajv/dist/types/index.js";
import { SpecError } from "./spec.js";

/**
 * ajv's regular expression engine for `pattern` and `patternProperties`. ajv compiles with the `u`
 * flag; real specs hold patterns written for JavaScript's non-unicode syntax (`[\-\:]`, `\_`, a
 * literal `{`) that only compile without it. Such a pattern is compiled without `u`, as its author
 * meant, and still enforced; one that compiles neither way is not ECMA-262 and is an error in the
 * spec, never silently dropped.
 *
 * `code` stays `"new RegExp"`, so every other pattern is emitted exactly as ajv would emit it;
 * `patternConstructorCode` (ajv-output.ts) writes the fallback's construction into the generated module.
 */
export const patternRegExp: RegExpEngine = Object.assign(
  (pattern: string, flags: string) => {
    try {
      return new RegExp(pattern, flags);
    } catch (unicodeError) {
      try {
        return new RegExp(pattern, flags.replace("u", ""));
      } catch {
        throw new SpecError(
          `pattern ${JSON.stringify(pattern)} is not an ECMA-262 regular expression: ${(unicodeError as Error).message}`,
        );
      }
    }
  },
  { code: "new RegExp" },
);
