// `prepack` of @cellar/cli: bundles the `cellar` command into dist/, so it installs with only the
// packages it really imports at run time, each of which must be one of its dependencies.
import { copyFileSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const cliDir = import.meta.dirname;
const distDir = join(cliDir, "dist");

/** `@scope/name/deep/path` → `@scope/name`; `ajv/dist/core.js` → `ajv`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return (specifier.startsWith("@") ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
}

rmSync(distDir, { recursive: true, force: true });
const result = await build({
  entryPoints: { cellar: join(cliDir, "cellar.ts") },
  outdir: distDir,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  // The repo resolves @cellar/runtime from source; the CLI's own code never imports it.
  tsconfig: join(cliDir, "../tsconfig.json"),
  metafile: true,
  logLevel: "warning",
});
// validator-formats.ts reads this file's source beside the module that loads it (see there).
copyFileSync(join(cliDir, "format-checks.ts"), join(distDir, "format-checks.ts"));

const manifest = JSON.parse(readFileSync(join(cliDir, "package.json"), "utf8")) as {
  dependencies?: Record<string, string>;
};
const imported = new Set<string>();
for (const output of Object.values(result.metafile.outputs)) {
  for (const { path, external } of output.imports) {
    if (external && !path.startsWith("node:")) imported.add(packageOf(path));
  }
}
const undeclared = [...imported].filter((name) => !manifest.dependencies?.[name]).sort();
if (undeclared.length > 0) {
  process.stderr.write(
    `build-cli: the bundle imports packages @cellar/cli does not depend on: ${undeclared.join(", ")}\n`,
  );
  process.exit(1);
}
process.stderr.write(`build-cli: dist/cellar.mjs, importing ${[...imported].sort().join(", ")}\n`);
