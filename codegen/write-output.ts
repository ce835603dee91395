import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import type { GeneratedOutput } from "./generate.js";

/** Folders whose `.gen.*` files belong to the generator, so a file it no longer emits is stale. */
const GENERATED_ROOTS = ["src/generated", "gateway", "docs", "sdk/src/generated"];

export interface Drift {
  changed: string[];
  missing: string[];
  stale: string[];
  missingScaffolds: string[];
}

/** `roots` narrows stale-file detection, e.g. to `docs` when only the docs were generated. */
export function findDrift(
  outDir: string,
  output: GeneratedOutput,
  roots: readonly string[] = GENERATED_ROOTS,
): Drift {
  const drift: Drift = { changed: [], missing: [], stale: [], missingScaffolds: [] };
  for (const [file, content] of output.files) {
    const path = join(outDir, file);
    if (!existsSync(path)) drift.missing.push(file);
    else if (readFileSync(path, "utf8") !== content) drift.changed.push(file);
  }
  drift.stale = existingGeneratedFiles(outDir, roots).filter((file) => !output.files.has(file));
  drift.missingScaffolds = [...output.scaffolds.keys()].filter((file) => !existsSync(join(outDir, file)));
  return drift;
}

export function hasDrift(drift: Drift): boolean {
  return Object.values(drift).some((files) => files.length > 0);
}

/** Writes what changed, removes stale generated files, scaffolds absent handlers; returns a summary. */
export function writeOutput(
  outDir: string,
  output: GeneratedOutput,
  roots: readonly string[] = GENERATED_ROOTS,
): { written: string[]; removed: string[]; scaffolded: string[] } {
  const drift = findDrift(outDir, output, roots);
  const written = [...drift.missing, ...drift.changed].sort();
  for (const file of written) writeFile(join(outDir, file), output.files.get(file)!);
  for (const file of drift.stale) rmSync(join(outDir, file));
  for (const file of drift.missingScaffolds) writeFile(join(outDir, file), output.scaffolds.get(file)!);
  return { written, removed: drift.stale, scaffolded: drift.missingScaffolds };
}

function writeFile(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

function existingGeneratedFiles(outDir: string, roots: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.gen\.[a-z.]+$/.test(entry)) found.push(relative(outDir, path).replace(/\\/g, "/"));
    }
  };
  for (const root of roots) walk(join(outDir, root));
  return found.sort();
}
