import { relative, resolve } from "node:path";
import type { Metafile } from "esbuild";
import { MIGRATE_FUNCTION, repoRoot } from "../operations/operation-functions.js";
import { ENTRY_PREFIX } from "./lambda-bundles.js";

// Why it matters: the module-level ("INIT") code of a function runs on every cold start, and AWS names
// the size of the package and the amount of code loaded at initialisation among what makes a cold
// start slow (https://docs.aws.amazon.com/lambda/latest/operatorguide/static-initialization.html).

/** Code that only the local stage (or the migrations function) runs, by what it is. */
export type LocalOnlyCode = "migrations" | "pglite" | "local stage" | "load-time node:crypto";

/** Bundled sources that production functions never run, by repo-relative path. */
const LOCAL_ONLY_SOURCES: ReadonlyArray<{ pattern: RegExp; code: LocalOnlyCode }> = [
  { pattern: /^src\/db\/migrations\//, code: "migrations" },
  { pattern: /^src\/db\/(?:migrate|migration-list)\.ts$/, code: "migrations" },
  { pattern: /^src\/db\/pglite-dialect\.ts$/, code: "pglite" },
  { pattern: /(?:^|\/)node_modules\/@electric-sql\/pglite\//, code: "pglite" },
  { pattern: /^src\/local\//, code: "local stage" },
];

/** Packages left external that production functions never load (PGlite: a WASM build of Postgres). */
const LOCAL_ONLY_PACKAGES: ReadonlyArray<{ pattern: RegExp; code: LocalOnlyCode }> = [
  { pattern: /^@electric-sql\/pglite(?:\/|$)/, code: "pglite" },
];

/**
 * Builtins no module may import statically: esbuild hoists a static import to the top of the bundle,
 * so Node loads it at every cold start. Loaded on first use instead (Web Crypto's global, `import()`).
 * pg's `require("crypto")` does not count: pg itself is loaded by `import()` on the first query.
 */
const LAZY_BUILTINS = new Set(["node:crypto", "crypto"]);

/** What a bundle may carry all the same: the migrations function exists to run the migrations. */
const ALLOWED: Readonly<Record<string, readonly LocalOnlyCode[]>> = { [MIGRATE_FUNCTION]: ["migrations"] };

export interface LocalOnlyFinding {
  code: LocalOnlyCode;
  /** The bundled source, or the import, that brought it in. */
  source: string;
}

/**
 * Per bundle of a `lambdaMetafile`, every piece of local-only code it carries, read from esbuild's
 * inputs and imports rather than from the minified text. `isAllowed` says which ones a bundle may keep.
 */
export function localOnlyCodeByBundle(metafile: Metafile): Map<string, LocalOnlyFinding[]> {
  const byBundle = new Map<string, LocalOnlyFinding[]>();
  for (const output of Object.values(metafile.outputs)) {
    if (!output.entryPoint?.startsWith(ENTRY_PREFIX)) continue;
    const findings: LocalOnlyFinding[] = [];
    for (const input of Object.keys(output.inputs)) {
      const source = repoPath(input);
      for (const { pattern, code } of LOCAL_ONLY_SOURCES) {
        if (pattern.test(source)) findings.push({ code, source });
      }
      for (const imported of metafile.inputs[input]?.imports ?? []) {
        if (imported.kind === "import-statement" && LAZY_BUILTINS.has(imported.path)) {
          findings.push({ code: "load-time node:crypto", source: `${source} imports ${imported.path}` });
        }
      }
    }
    for (const { path } of output.imports) {
      for (const { pattern, code } of LOCAL_ONLY_PACKAGES) {
        if (pattern.test(path)) findings.push({ code, source: `import ${path}` });
      }
    }
    byBundle.set(output.entryPoint.slice(ENTRY_PREFIX.length), findings);
  }
  return byBundle;
}

/** Whether a bundle may carry this local-only code (the migrations function, its migrations). */
export function isAllowed(bundle: string, finding: LocalOnlyFinding): boolean {
  return ALLOWED[bundle]?.includes(finding.code) ?? false;
}

/** esbuild names inputs relative to its working directory; virtual entries keep their namespace. */
function repoPath(input: string): string {
  if (/^[a-z-]+:/.test(input)) return input;
  return relative(repoRoot, resolve(input)).replace(/\\/g, "/");
}
