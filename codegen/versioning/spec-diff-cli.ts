import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { parse } from "yaml";
import { parseCommandLine } from "../../tools/cli/command-line.js";
import { assertOpenApi30, loadSpec, type OpenApiDocument, SpecError } from "../spec.js";
import { readApiHistory } from "./api-history.js";
import { gateFailure } from "./breaking-gate.js";
import { renderReport, reportJson } from "./render-report.js";
import { readSdkFiles } from "./sdk-files.js";
import { checkSdkSemver } from "./sdk-semver-check.js";
import { diffAgainstBase, diffAgainstHistory, type VersionDiff } from "./version-diff.js";

const HELP = `Usage: npm run spec:diff -- [options]

Compares the spec with the latest released snapshot of each API version (api-history/) and
classifies every change as breaking, additive or compatible, per operation, with the rule and a
JSON pointer. Exits 1 when a released version has a breaking change (the gate npm test runs).

Options:
  --base <ref|file>  compare with a git revision's spec (e.g. main, HEAD~1), a snapshot
                     (api-history/v1/1.0.0.json) or another spec file, instead of the snapshots
  --version <vN>     only this API version
  --json             machine-readable output
  --spec <file>      the spec (default: openapi.yaml)
  --history <dir>    snapshots folder (default: api-history)
  -h, --help         show this help
`;

function main(): number {
  const { values } = parseCommandLine({
    name: "npm run spec:diff",
    help: HELP,
    options: {
      base: { type: "string" },
      version: { type: "string" },
      json: { type: "boolean", default: false },
      spec: { type: "string", default: "openapi.yaml" },
      history: { type: "string", default: "api-history" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const doc = loadSpec(resolve(values.spec));
  const history = readApiHistory(resolve(values.history));
  let diffs: VersionDiff[];
  if (values.base) {
    const base = loadBase(values.base, values.spec);
    diffs = diffAgainstBase(base.doc, doc, history, base.label, values.version ?? base.apiVersion);
  } else {
    diffs = diffAgainstHistory(doc, history).filter(
      (diff) => !values.version || diff.apiVersion === values.version,
    );
  }
  if (values.json) process.stdout.write(reportJson(diffs));
  else {
    process.stdout.write(renderReport(diffs));
    if (!values.base) {
      const sdk = checkSdkSemver(diffs, history, readSdkFiles(resolve("sdk")));
      for (const line of [...sdk.problems, ...sdk.skipped]) process.stdout.write(`sdk: ${line}\n`);
    }
  }
  const failure = gateFailure(diffs);
  if (failure) process.stderr.write(`\n${failure}\n`);
  return failure ? 1 : 0;
}

function loadBase(
  base: string,
  specFile: string,
): { doc: OpenApiDocument; label: string; apiVersion?: string } {
  if (existsSync(base)) {
    const raw = parse(readFileSync(base, "utf8")) as { spec?: unknown; apiVersion?: unknown };
    if (raw && typeof raw === "object" && raw.spec && typeof raw.apiVersion === "string")
      return { doc: assertOpenApi30(raw.spec, base), label: base, apiVersion: raw.apiVersion };
    return { doc: loadSpec(resolve(base)), label: base };
  }
  const repoRoot = execFileSync("git", ["rev-parse", "--show-toplevel"], { encoding: "utf8" }).trim();
  const path = relative(repoRoot, resolve(specFile)).replace(/\\/g, "/");
  let text: string;
  try {
    text = execFileSync("git", ["show", `${base}:${path}`], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch {
    throw new SpecError(`--base ${base}: neither a file nor a git revision with ${path}`);
  }
  return { doc: assertOpenApi30(parse(text), `${base}:${path}`), label: `git ${base}:${path}` };
}

try {
  process.exitCode = main();
} catch (error) {
  const known = error instanceof SpecError || error instanceof TypeError;
  process.stderr.write(
    `spec:diff: error: ${known ? (error as Error).message : String((error as Error).stack ?? error)}\n`,
  );
  process.exitCode = 1;
}
