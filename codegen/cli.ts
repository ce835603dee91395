import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { parseCommandLine } from "../tools/cli/command-line.js";
import { generate } from "./generate.js";
import { DOCS_DIR, layout } from "./layout.js";
import { loadSpec, SpecError } from "./spec.js";
import { findDrift, hasDrift, writeOutput } from "./write-output.js";

// `cellar codegen` (the installed CLI, codegen/cellar.ts) or `npm run codegen` (this repo).
const NAME = process.argv[1] === "cellar codegen" ? "cellar codegen" : "npm run codegen";

const HELP = `Usage: ${NAME === "cellar codegen" ? NAME : `${NAME} --`} [options]

Generates, from an OpenAPI 3.0 spec: TypeScript types, precompiled ajv validators and typed Middy
wrappers per operation, the Handlers type and route table, API Gateway definitions per version,
and scaffolds hand-written handlers and their registry that do not exist yet (never overwriting one);
scaffolded handlers answer 501 problem+json until you write them. Also the docs (each version's
reference rendered by redocly build-docs), and the typed SDK when the output root has the SDK's
runtime (sdk/src/runtime).
What the runtime cannot serve as specified (say a text/plain request body) is printed as a warning
naming its operation, and the rest is generated.

Options:
  --spec <file>   the spec to read (default: openapi.yaml)
  --out <dir>     output root (default: the current directory)
  --check         generate in memory and fail, naming the files, if anything on disk differs
  --docs-only     only the docs: docs/index.gen.html (front page), docs/changelog.gen.html and,
                  per version, docs/<v>/index.gen.html (reference), docs/<v>/sdk.gen.html
                  (getting started with the SDK) and docs/<v>/openapi.gen.json (the spec)
  --function-prefix <p>  Lambda function name prefix in gateway definitions (default: cellar-)
  -h, --help      show this help
`;

// Run from the Cellar repo, generated SDKs import the repo's SDK runtime. Installed (`cellar codegen`),
// the SDK is generated only where --out has an SDK runtime of its own to import.
const repoSdkRuntime = resolve(import.meta.dirname, "../sdk/src/runtime");

async function main(): Promise<number> {
  const { values } = parseCommandLine({
    name: NAME,
    help: HELP,
    options: {
      spec: { type: "string", default: "openapi.yaml" },
      out: { type: "string", default: "." },
      check: { type: "boolean", default: false },
      "docs-only": { type: "boolean", default: false },
      "function-prefix": { type: "string", default: "cellar-" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const started = performance.now();
  const specPath = resolve(values.spec);
  const outDir = resolve(values.out);
  const log = (message: string) => process.stderr.write(`codegen: ${message}\n`);
  log(`reading ${values.spec}`);
  const output = await generate(loadSpec(specPath), {
    specName: relative(outDir, specPath).replace(/\\/g, "/") || values.spec,
    outDir,
    ...(existsSync(repoSdkRuntime)
      ? { sdkRuntimeDir: repoSdkRuntime }
      : { sdk: existsSync(resolve(outDir, "sdk/src/runtime")) }),
    functionPrefix: values["function-prefix"],
    onProgress: (message) => log(`generated ${message}`),
  });
  for (const warning of output.warnings) log(`warning: ${warning}`);
  // `npm run docs`: the same generation, with only the docs/ files written (and checked).
  const roots = values["docs-only"] ? [DOCS_DIR] : undefined;
  if (roots) {
    for (const file of output.files.keys()) if (!file.startsWith(`${DOCS_DIR}/`)) output.files.delete(file);
    output.scaffolds.clear();
  }
  const elapsed = `${Math.round(performance.now() - started)} ms`;
  if (values.check) {
    const drift = findDrift(outDir, output, roots);
    if (!hasDrift(drift)) {
      log(`${output.files.size} generated files are up to date with ${values.spec} (${elapsed})`);
      return 0;
    }
    const report = [
      ...drift.changed.map((file) => `  changed: ${file}`),
      ...drift.missing.map((file) => `  missing: ${file}`),
      ...drift.stale.map((file) => `  stale (no longer generated): ${file}`),
      ...drift.missingScaffolds.map((file) => `  handler not scaffolded: ${file}`),
    ];
    process.stderr.write(
      `codegen:check failed: generated output differs from ${values.spec}:\n${report.join("\n")}\nRun \`npm run codegen\` and commit the result.\n`,
    );
    return 1;
  }
  const { written, removed, scaffolded } = writeOutput(outDir, output, roots);
  for (const file of written) log(`wrote ${file}`);
  for (const file of removed) log(`removed stale ${file}`);
  const registry = scaffolded.includes(layout.handlerIndex)
    ? ""
    : `; add it to ${layout.handlerIndex}, which tsc checks against the spec`;
  for (const file of scaffolded) {
    if (file === layout.handlerIndex)
      log(`scaffolded the handler registry ${file} (yours; never overwritten)`);
    else log(`scaffolded handler ${file} (yours to edit; never overwritten)${registry}`);
  }
  log(`${output.files.size} files, ${written.length} changed (${elapsed})`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof SpecError || error instanceof TypeError ? error.message : String(error);
    process.stderr.write(`codegen: error: ${message}\n`);
    if (!(error instanceof SpecError)) process.stderr.write(`${(error as Error).stack ?? ""}\n`);
    process.exit(1);
  },
);
