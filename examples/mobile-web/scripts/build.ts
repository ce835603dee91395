/**
 * Builds the demo the way a Capacitor or Cordova project would: install the packed @cellar/sdk
 * tarball (not the SDK's sources), type-check against its published declarations, bundle with
 * esbuild into www-style static files: index.html, app.css, app.js.
 *
 *   npm run app:build            packs the SDK, builds into examples/mobile-web/dist (served at /app)
 */
import { execFile } from "node:child_process";
import { copyFile, mkdir } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { DEMO_APP_DIR } from "../../../codegen/layout.js";
import { packSdk } from "../../../sdk/scripts/pack-sdk.js";
import { parseCommandLine } from "../../../tools/cli/command-line.js";

const run = promisify(execFile);
const demoDir = resolve(import.meta.dirname, "..");
const repoRoot = resolve(demoDir, "../..");

export interface DemoBuild {
  outDir: string;
  /** Size of app.js, the SDK included. */
  scriptBytes: number;
}

export async function buildDemo(options: { sdkTarball: string; outDir: string }): Promise<DemoBuild> {
  // --no-save: the tarball is a build input, not a dependency to record; --offline: it has none.
  await run(
    "npm",
    [
      "install",
      options.sdkTarball,
      "--no-save",
      "--no-package-lock",
      "--offline",
      "--no-audit",
      "--no-fund",
      "--ignore-scripts",
    ],
    { cwd: demoDir, timeout: 60_000 },
  );
  const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
  await run(process.execPath, [tsc, "-p", join(demoDir, "tsconfig.json")], { timeout: 60_000 }).catch(
    (error: { stdout?: string }) => {
      throw new Error(`The demo does not type-check against the packed SDK:\n${error.stdout ?? error}`);
    },
  );
  await mkdir(options.outDir, { recursive: true });
  const result = await build({
    entryPoints: [join(demoDir, "src/main.ts")],
    outfile: join(options.outDir, "app.js"),
    bundle: true,
    minify: true,
    format: "iife",
    platform: "browser",
    // Old enough for the webviews of phones a few years old.
    target: ["es2020", "chrome87", "safari15"],
    // The demo's own tsconfig: the repository's must never redirect @cellar/sdk to its sources.
    tsconfig: join(demoDir, "tsconfig.json"),
    metafile: true,
    logLevel: "warning",
  });
  const inputs = Object.keys(result.metafile.inputs);
  const fromSources = inputs.filter((input) => input.includes("sdk/src/"));
  if (fromSources.length > 0 || !inputs.some((input) => input.includes("node_modules/@cellar/sdk/dist/"))) {
    throw new Error(`The demo must bundle the packed SDK, not its sources: ${fromSources.join(", ")}`);
  }
  await Promise.all(
    ["index.html", "app.css"].map((file) => copyFile(join(demoDir, file), join(options.outDir, file))),
  );
  const output = Object.entries(result.metafile.outputs).find(([file]) => file.endsWith("app.js"));
  return { outDir: options.outDir, scriptBytes: output?.[1].bytes ?? 0 };
}

const HELP = `Usage: npm run app:build [-- --help]

Packs @cellar/sdk, installs the tarball into examples/mobile-web, type-checks the demo against its
published declarations and bundles it into examples/mobile-web/dist (npm start serves it at /app).
It takes no options; -h, --help shows this text.
`;

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  // No options, but an unknown one is refused (one line, exit 2) rather than silently ignored.
  parseCommandLine({ name: "npm run app:build", help: HELP, options: {} });
  const started = performance.now();
  const { tarball } = await packSdk();
  const built = await buildDemo({ sdkTarball: tarball, outDir: join(repoRoot, DEMO_APP_DIR) });
  process.stderr.write(
    `demo built into ${relative(process.cwd(), built.outDir)} (app.js ${(built.scriptBytes / 1024).toFixed(1)} KB) in ${Math.round(performance.now() - started)} ms; npm start serves it at /app\n`,
  );
}
