import { createRequire } from "node:module";
import { REPORT_ERROR, REPORT_ERROR_FUNCTION } from "./ajv-output.js";
import { ownFormatCode } from "./validator-formats.js";

/**
 * The functions validators share: the error reporter, our format checks, string length in code
 * points. Written once per spec into one module (`validators/validator-helpers.gen.js`) that the
 * validator modules import, so a bundle holds each once however many validators use it.
 */
export interface ValidatorHelpers {
  /** The import specifier of the helpers module, from the module being written. */
  path: string;
  /** Every helper some module imports: the helpers module exports just these. */
  used: Set<string>;
}

export const UCS2LENGTH = "ucs2length";

/** ajv's own function (its standalone code `require`s it); self-contained, so its source travels. */
const UCS2LENGTH_FUNCTION = String(createRequire(import.meta.url)("ajv/dist/runtime/ucs2length").default);

/** The helpers module: one exported function declaration per helper used, in name order. */
export function validatorHelpersModuleCode(used: Iterable<string>): string {
  return [...new Set(used)]
    .sort()
    .map((name) => `export ${helperCode(name)}`)
    .join("\n");
}

function helperCode(name: string): string {
  if (name === REPORT_ERROR) return REPORT_ERROR_FUNCTION;
  if (name === UCS2LENGTH) return UCS2LENGTH_FUNCTION;
  return ownFormatCode(name);
}
