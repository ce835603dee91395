import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { exitWithUsageError, parseCommandLine } from "../../tools/cli/command-line.js";
import { loadSpec, SpecError } from "../spec.js";
import { readApiHistory, type Snapshot, serializeSnapshot } from "./api-history.js";
import { planRelease, ReleaseError } from "./release.js";
import {
  hasApiSection,
  hasChangelogEntry,
  insertChangelogSection,
  renderChangelogSection,
} from "./render-changelog.js";
import { readSdkFiles, sdkPackageVersion, writeSdkPackageVersion } from "./sdk-files.js";

const HELP = `Usage: npm run release -- --version <vN> [--version <vN> ...] [options]

Freezes the current /vN part of the spec into api-history/<vN>/<info.version>.json. From then on
npm test fails on any breaking change to that version. Releasing again after additive changes
needs a higher info.version; the SDK version (sdk/package.json) is bumped to match (breaking ->
major, additive -> minor) and sdk/CHANGELOG.md gets the entry.

Options:
  --version <vN>     API version to release (repeatable)
  --summary <text>   one line for the changelog and the docs' Changes section (default: generated)
  --date <date>      release date, YYYY-MM-DD (default: today, UTC)
  --spec <file>      the spec (default: openapi.yaml)
  --history <dir>    snapshots folder (default: api-history)
  --sdk <dir>        the SDK package (default: sdk)
  --dry-run          say what would be written, write nothing
  -h, --help         show this help
`;

function main(): number {
  const { values } = parseCommandLine({
    name: "npm run release",
    help: HELP,
    options: {
      version: { type: "string", multiple: true, default: [] },
      summary: { type: "string" },
      date: { type: "string", default: new Date().toISOString().slice(0, 10) },
      spec: { type: "string", default: "openapi.yaml" },
      history: { type: "string", default: "api-history" },
      sdk: { type: "string", default: "sdk" },
      "dry-run": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.version.length === 0) exitWithUsageError("npm run release", "--version <vN> is required");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date))
    throw new ReleaseError(`--date must be YYYY-MM-DD, got ${values.date}`);
  const historyDir = resolve(values.history);
  const sdkDir = resolve(values.sdk);
  const dryRun = values["dry-run"];
  const log = (message: string) => process.stderr.write(`release: ${dryRun ? "(dry run) " : ""}${message}\n`);
  const doc = loadSpec(resolve(values.spec));
  let released = false;
  for (const apiVersion of values.version) {
    const sdk = readSdkFiles(sdkDir);
    const plan = planRelease({
      doc,
      apiVersion,
      history: readApiHistory(historyDir),
      date: values.date,
      summary: values.summary,
      sdkVersion: sdkPackageVersion(sdk),
    });
    const snapshotPath = join(historyDir, plan.file);
    let snapshot: Snapshot = plan.snapshot;
    if (plan.kind === "unchanged") {
      log(`${apiVersion}: the contract equals ${values.history}/${plan.file}; nothing new to release`);
      const sdkVersion = sdkPackageVersion(sdk);
      if (!snapshot.sdkVersion && sdkVersion) {
        // Released before the SDK had a package: record the version that ships this contract.
        snapshot = { ...snapshot, sdkVersion };
        log(`${apiVersion}: recording SDK ${sdkVersion} in ${values.history}/${plan.file}`);
        if (!dryRun) writeFileSync(snapshotPath, serializeSnapshot(snapshot));
      }
    } else {
      released = true;
      log(`${apiVersion}: writing ${values.history}/${plan.file} (${snapshot.summary})`);
      if (!dryRun) {
        mkdirSync(dirname(snapshotPath), { recursive: true });
        writeFileSync(snapshotPath, serializeSnapshot(snapshot));
      }
      if (plan.sdkBumped && sdk.packageJson !== undefined && snapshot.sdkVersion) {
        log(`${apiVersion}: bumping sdk/package.json to ${snapshot.sdkVersion}`);
        if (!dryRun) writeSdkPackageVersion(sdkDir, sdk.packageJson, snapshot.sdkVersion);
      }
    }
    writeChangelog(sdkDir, snapshot, log, dryRun);
  }
  if (released)
    log("next: `npm run codegen` (the docs list releases), then review and commit api-history/ and sdk/");
  return 0;
}

function writeChangelog(
  sdkDir: string,
  snapshot: Snapshot,
  log: (message: string) => void,
  dryRun: boolean,
): void {
  const { changelog } = readSdkFiles(sdkDir);
  if (!snapshot.sdkVersion) {
    log("sdk/package.json not found: no SDK version to release, so no sdk/CHANGELOG.md entry");
    return;
  }
  if (changelog === undefined) {
    log(
      `sdk/CHANGELOG.md not found: skipped its entry for ${snapshot.sdkVersion} (create the file and release again)`,
    );
    return;
  }
  if (hasApiSection(changelog, snapshot.sdkVersion, snapshot)) return;
  // A first release lists no changes; an entry the SDK already wrote for that version covers it.
  if (snapshot.changes.length === 0 && hasChangelogEntry(changelog, snapshot.sdkVersion)) return;
  log(`sdk/CHANGELOG.md: adding API ${snapshot.apiVersion} ${snapshot.version} under ${snapshot.sdkVersion}`);
  if (!dryRun)
    writeFileSync(
      join(sdkDir, "CHANGELOG.md"),
      insertChangelogSection(
        changelog,
        snapshot.sdkVersion,
        snapshot.releasedAt,
        renderChangelogSection(snapshot),
      ),
    );
}

try {
  process.exitCode = main();
} catch (error) {
  const known = error instanceof ReleaseError || error instanceof SpecError || error instanceof TypeError;
  process.stderr.write(
    `release: error: ${known ? (error as Error).message : String((error as Error).stack ?? error)}\n`,
  );
  process.exitCode = 1;
}
