import type { OpenApiDocument } from "../spec.js";
import { type ApiHistory, latestSnapshot, type Snapshot, snapshotFile } from "./api-history.js";
import type { Change } from "./change.js";
import { diffVersion, versionsOf } from "./diff-specs.js";
import { sliceVersion } from "./version-slice.js";

/** One API version's changes since its baseline: the latest snapshot, or another spec (`--base`). */
export interface VersionDiff {
  apiVersion: string;
  /** The latest snapshot; undefined when the version was never released, so it may change freely. */
  released?: Snapshot;
  /** What the current spec was compared with, for reports (`api-history/v1/1.0.0.json`, `git:main`). */
  baseLabel?: string;
  changes: Change[];
}

export function diffAgainstHistory(doc: OpenApiDocument, history: ApiHistory): VersionDiff[] {
  const versions = new Set([...versionsOf(doc), ...history.keys()]);
  return [...versions].sort().map((apiVersion) => {
    const released = latestSnapshot(history, apiVersion);
    if (!released) return { apiVersion, changes: [] };
    return {
      apiVersion,
      released,
      baseLabel: `api-history/${snapshotFile(apiVersion, released.version)}`,
      changes: diffVersion(released.spec, doc, apiVersion),
    };
  });
}

/** Against an arbitrary base spec (a git revision, a snapshot file); `history` still says what is released. */
export function diffAgainstBase(
  base: OpenApiDocument,
  doc: OpenApiDocument,
  history: ApiHistory,
  baseLabel: string,
  only?: string,
): VersionDiff[] {
  const versions = only ? [only] : versionsOf(base, doc);
  return versions.map((apiVersion) => ({
    apiVersion,
    released: latestSnapshot(history, apiVersion),
    baseLabel,
    changes: diffVersion(sliceVersion(base, apiVersion), doc, apiVersion),
  }));
}

/** The gate: breaking changes in versions that have been released. Unreleased versions change freely. */
export function breakingChanges(diffs: readonly VersionDiff[]): Array<Change & { apiVersion: string }> {
  return diffs
    .filter((diff) => diff.released)
    .flatMap((diff) =>
      diff.changes
        .filter((change) => change.level === "breaking")
        .map((change) => ({ ...change, apiVersion: diff.apiVersion })),
    );
}
