/**
 * `npm run bench`: every figure of issue 8 next to a baseline measured in the same run.
 *
 *   npm run bench                    the table
 *   npm run bench -- --json          the figures as JSON on stdout (progress goes to stderr)
 *   npm run bench -- --check         also compare with bench/RESULTS.md; exit 1 on a >20% regression
 *   npm run bench -- --record        write this run into bench/RESULTS.md
 *   npm run bench -- --only size,coldstart   a subset: size coldstart perrequest geo throughput codegen sdk
 *
 * Missed targets are reported, not failed: only `--check` fails, and only on regressions.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { exitWithUsageError, parseCommandLine } from "../tools/cli/command-line.js";
import { isPostgresReachable } from "./bench-database.js";
import { buildBundles } from "./bundles.js";
import { checkAgainstRecorded, formatCheck } from "./check-regressions.js";
import { measureCodegenTime } from "./codegen-time.bench.js";
import { measureColdStart } from "./cold-start.bench.js";
import { measureDatabaseColdStart } from "./cold-start-database.bench.js";
import { measureDatabaseBenches } from "./database-benches.js";
import { type Figure, ratioOf } from "./figure.js";
import { handlerSizeFigures } from "./handler-size.bench.js";
import { describeMachine, formatMachine } from "./machine.js";
import { measurePerRequest } from "./per-request.bench.js";
import { formatTextTable } from "./report-table.js";
import { readRecordedRun, toRecorded, writeRecordedRun } from "./results-file.js";
import { measureSdkFigures } from "./sdk-size-figures.js";

const BENCHES = ["size", "coldstart", "perrequest", "geo", "throughput", "codegen", "sdk"] as const;
type Bench = (typeof BENCHES)[number];
const RESULTS_FILE = resolve(import.meta.dirname, "RESULTS.md");

const HELP = `Usage: npm run bench -- [options]

Every figure of issue 8 next to a baseline measured in the same run, as a table on stdout.
Missed targets are reported, not failed: only --check fails, and only on regressions.

Options:
  --json           the figures as JSON on stdout (progress goes to stderr)
  --check          also compare with bench/RESULTS.md; exit 1 on a >20% regression
  --record         write this run into bench/RESULTS.md (a full run only: no --only)
  --only <names>   a comma-separated subset of: ${BENCHES.join(", ")}
  -h, --help       show this help
`;
const { values } = parseCommandLine({
  name: "npm run bench",
  help: HELP,
  options: {
    json: { type: "boolean", default: false },
    check: { type: "boolean", default: false },
    record: { type: "boolean", default: false },
    only: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});
const unknownBenches = (values.only?.split(",") ?? []).filter(
  (name) => !(BENCHES as readonly string[]).includes(name),
);
if (unknownBenches.length > 0) {
  exitWithUsageError(
    "npm run bench",
    `--only: unknown bench "${unknownBenches.join('", "')}"; benches: ${BENCHES.join(", ")}`,
  );
}
const selected = new Set<Bench>(
  values.only === undefined ? BENCHES : BENCHES.filter((name) => values.only?.split(",").includes(name)),
);
if (values.record && selected.size !== BENCHES.length) {
  exitWithUsageError("npm run bench", "--record needs a full run (no --only)");
}

const started = performance.now();
const progress = (message: string) =>
  process.stderr.write(`bench: ${message} (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
const machine = describeMachine();
progress(formatMachine(machine));

const figures: Figure[] = [];
const unavailable: Record<string, string> = {};

if (selected.has("size") || selected.has("coldstart") || selected.has("perrequest")) {
  const bundleDir = mkdtempSync(join(tmpdir(), "cellar-bench-bundles-"));
  try {
    progress("bundling handlers");
    const bundles = await buildBundles(bundleDir);
    if (selected.has("size")) figures.push(...handlerSizeFigures(bundles));
    if (selected.has("coldstart")) {
      progress("cold starts");
      figures.push(...(await measureColdStart(bundles)));
      if (await isPostgresReachable()) {
        progress("cold starts on Postgres");
        figures.push(...(await measureDatabaseColdStart(bundles)));
      } else {
        unavailable["cold start on Postgres"] =
          "skipped: no Postgres server reachable (set DATABASE_URL to postgres://...)";
      }
    }
    if (selected.has("perrequest")) {
      progress("per-request overhead");
      figures.push(...(await measurePerRequest(bundles, bundleDir)));
    }
  } finally {
    rmSync(bundleDir, { recursive: true, force: true });
  }
}
if (selected.has("geo") || selected.has("throughput")) {
  if (await isPostgresReachable()) {
    figures.push(
      ...(await measureDatabaseBenches(
        { geo: selected.has("geo"), throughput: selected.has("throughput") },
        progress,
      )),
    );
  } else {
    const reason = "skipped: no Postgres server reachable (set DATABASE_URL to postgres://...)";
    if (selected.has("geo")) unavailable.geo = reason;
    if (selected.has("throughput")) unavailable.throughput = reason;
  }
}
if (selected.has("codegen")) {
  progress("codegen time");
  figures.push(...(await measureCodegenTime()));
}
if (selected.has("sdk")) {
  progress("SDK size");
  const sdk = await measureSdkFigures();
  if (typeof sdk === "string") unavailable.sdk = sdk;
  else figures.push(...sdk);
}
progress("done");

let failed = false;
if (values.json) {
  const withRatios = figures.map((figure) => ({ ...figure, ratio: ratioOf(figure) ?? null }));
  process.stdout.write(`${JSON.stringify({ machine, figures: withRatios, unavailable }, null, 2)}\n`);
} else {
  // Unavailable benches print as `sdk: not built yet` and the like, after the table.
  process.stdout.write(`${formatTextTable(figures, unavailable)}\n`);
}
if (values.check) {
  const result = checkAgainstRecorded(figures, readRecordedRun(RESULTS_FILE).figures);
  process.stderr.write(`${formatCheck(result)}\n`);
  failed = result.regressions.length > 0;
}
if (values.record) {
  writeRecordedRun(RESULTS_FILE, toRecorded(machine, figures), figures, unavailable);
  progress(`recorded in ${RESULTS_FILE}`);
}
process.exit(failed ? 1 : 0);
