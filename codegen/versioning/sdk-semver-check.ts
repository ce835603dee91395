import type { ApiHistory } from "./api-history.js";
import { snapshotFile } from "./api-history.js";
import { bumpFor } from "./change.js";
import { hasChangelogEntry } from "./render-changelog.js";
import { bumpSemVer, compareSemVer, isSemVer } from "./semver.js";
import type { VersionDiff } from "./version-diff.js";

export interface SdkFiles {
  /** Contents of sdk/package.json, undefined when absent. */
  packageJson?: string;
  /** Contents of sdk/CHANGELOG.md, undefined when absent. */
  changelog?: string;
}

export interface SdkCheckResult {
  problems: string[];
  /** What could not be checked and why (a missing file, a snapshot older than the SDK). */
  skipped: string[];
}

/**
 * `@cellar/sdk` follows the classification of the changes since each released snapshot:
 * breaking -> major, additive -> minor (documentation-only changes need no release).
 */
export function checkSdkSemver(
  diffs: readonly VersionDiff[],
  history: ApiHistory,
  files: SdkFiles,
): SdkCheckResult {
  const result: SdkCheckResult = { problems: [], skipped: [] };
  if (files.packageJson === undefined) {
    result.skipped.push(
      "sdk/package.json not found: the SDK version is not checked against the API changes.",
    );
  } else {
    const version = (JSON.parse(files.packageJson) as { version?: unknown }).version;
    if (typeof version !== "string" || !isSemVer(version))
      result.problems.push(
        `sdk/package.json: "version" must be MAJOR.MINOR.PATCH, found ${JSON.stringify(version)}`,
      );
    else checkVersion(diffs, version, result);
  }
  if (files.changelog === undefined) {
    result.skipped.push("sdk/CHANGELOG.md not found: release entries are not checked.");
  } else {
    for (const [apiVersion, snapshots] of history)
      for (const snapshot of snapshots)
        if (snapshot.sdkVersion && !hasChangelogEntry(files.changelog, snapshot.sdkVersion))
          result.problems.push(
            `sdk/CHANGELOG.md has no "## ${snapshot.sdkVersion}" entry for API ${apiVersion} ${snapshot.version} (api-history/${snapshotFile(apiVersion, snapshot.version)}). Run \`npm run release -- --version ${apiVersion}\` to write it.`,
          );
  }
  return result;
}

function checkVersion(diffs: readonly VersionDiff[], version: string, result: SdkCheckResult): void {
  for (const diff of diffs) {
    const snapshot = diff.released;
    if (!snapshot) continue;
    const file = `api-history/${snapshotFile(diff.apiVersion, snapshot.version)}`;
    if (!snapshot.sdkVersion) {
      result.skipped.push(
        `${file} records no SDK version (released before sdk/package.json existed); run \`npm run release -- --version ${diff.apiVersion}\` once to record it.`,
      );
      continue;
    }
    const bump = bumpFor(diff.changes);
    // Documentation and narrowed responses ship with the next release; they do not force one.
    const required =
      bump === "major" || bump === "minor" ? bumpSemVer(snapshot.sdkVersion, bump) : snapshot.sdkVersion;
    if (compareSemVer(version, required) < 0) {
      const why =
        bump === "none" || bump === "patch"
          ? `${file} was released with SDK ${snapshot.sdkVersion}`
          : `${diff.apiVersion} has ${bump === "major" ? "breaking" : "additive"} changes since ${file} (SDK ${snapshot.sdkVersion}): ${bump} bump`;
      result.problems.push(
        `sdk/package.json version ${version} is behind the API: ${why}, so @cellar/sdk must be at least ${required}. Run \`npm run release -- --version ${diff.apiVersion}\`.`,
      );
    }
  }
}
