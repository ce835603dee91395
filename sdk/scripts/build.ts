/**
 * Builds dist/ for `npm pack` (run as `prepack`):
 *   dist/esm/<version>.js + runtime.js     ESM, one file per entry point plus the shared runtime
 *   dist/cjs/<version>.cjs + runtime.cjs   the same as CommonJS
 *   dist/types/**.d.ts and .d.cts          declarations from tsc, a CommonJS twin of each
 * openapi-fetch is bundled into the runtime, so the package has no dependencies to install.
 * Declarations come from tsconfig.build.json, which has DOM libs and no Node types: code that
 * reaches for a Node built-in fails the build instead of failing in a browser.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { build, type Plugin } from "esbuild";

const sdkDir = resolve(import.meta.dirname, "..");
const dist = join(sdkDir, "dist");
const generatedDir = join(sdkDir, "src/generated");

export function versionEntries(): string[] {
  return readdirSync(generatedDir)
    .filter((file) => file.endsWith(".gen.ts") && file !== "types.gen.ts")
    .map((file) => file.slice(0, -".gen.ts".length))
    .sort();
}

function assertVersionFollowsSpec(versions: string[]): void {
  const { version } = JSON.parse(readFileSync(join(sdkDir, "package.json"), "utf8")) as { version: string };
  for (const entry of versions) {
    const source = readFileSync(join(generatedDir, `${entry}.gen.ts`), "utf8");
    const spec = /export const SPEC_VERSION = "([^"]+)"/.exec(source)?.[1];
    if (spec !== version) {
      throw new Error(`sdk/package.json has version ${version} but the spec's info.version is ${spec}`);
    }
  }
}

/** Entry points import the runtime as a sibling file, so v1 and v2 share one copy (and one ApiError class). */
function sharedRuntime(file: string): Plugin {
  return {
    name: "shared-runtime",
    setup(builder) {
      builder.onResolve({ filter: /\/runtime\/index\.js$/ }, (args) =>
        args.importer.includes(`${join("src", "generated")}`)
          ? { path: `./${file}`, external: true }
          : undefined,
      );
    },
  };
}

async function bundle(versions: string[], format: "esm" | "cjs"): Promise<void> {
  const extension = format === "esm" ? ".js" : ".cjs";
  const common = {
    bundle: true,
    format,
    platform: "neutral",
    target: "es2020",
    outdir: join(dist, format),
    outExtension: { ".js": extension },
    logLevel: "warning",
    legalComments: "inline",
  } as const;
  await build({ ...common, entryPoints: { runtime: join(sdkDir, "src/runtime/index.ts") } });
  await build({
    ...common,
    entryPoints: Object.fromEntries(versions.map((entry) => [entry, join(generatedDir, `${entry}.gen.ts`)])),
    plugins: [sharedRuntime(`runtime${extension}`)],
  });
}

/** tsc's declarations, plus a `.d.cts` twin of each so `require` consumers get CommonJS-flavoured types. */
function declarations(): void {
  const tsc = join(sdkDir, "../node_modules/typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", join(sdkDir, "tsconfig.build.json")], { stdio: "inherit" });
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".d.ts")) {
        const cjs = readFileSync(path, "utf8").replace(/(from\s+["']\.{1,2}\/[^"']*)\.js(["'])/g, "$1.cjs$2");
        writeFileSync(path.replace(/\.d\.ts$/, ".d.cts"), cjs);
      }
    }
  };
  walk(join(dist, "types"));
}

export async function buildSdk(): Promise<void> {
  const versions = versionEntries();
  assertVersionFollowsSpec(versions);
  rmSync(dist, { recursive: true, force: true });
  await Promise.all([bundle(versions, "esm"), bundle(versions, "cjs")]);
  declarations();
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const started = performance.now();
  await buildSdk();
  process.stderr.write(`@cellar/sdk built in ${Math.round(performance.now() - started)} ms\n`);
}
