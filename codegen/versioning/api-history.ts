import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { assertOpenApi30, type OpenApiDocument } from "../spec.js";
import type { Change } from "./change.js";
import { formatJson } from "./format-json.js";
import { compareSemVer, isSemVer } from "./semver.js";

/** One released contract of one API version: `api-history/<apiVersion>/<version>.json`. */
export interface Snapshot {
  apiVersion: string;
  /** `info.version` of openapi.yaml when the snapshot was taken. */
  version: string;
  /** `YYYY-MM-DD`. */
  releasedAt: string;
  summary: string;
  /** `@cellar/sdk`'s version that shipped this contract; null when the SDK had no package yet. */
  sdkVersion: string | null;
  /** What changed since the previous snapshot of the same API version (empty for the first). */
  changes: Change[];
  /** The version's part of openapi.yaml: its paths and the components they reference. */
  spec: OpenApiDocument;
}

/** Snapshots per API version, oldest first. */
export type ApiHistory = Map<string, Snapshot[]>;

export const SNAPSHOT_COMMENT =
  "Frozen by `npm run release`. Do not edit: a released contract may only grow, and `npm test` compares openapi.yaml against the latest snapshot of each version.";

export function snapshotFile(apiVersion: string, version: string): string {
  return `${apiVersion}/${version}.json`;
}

export function readApiHistory(dir: string): ApiHistory {
  const history: ApiHistory = new Map();
  if (!existsSync(dir)) return history;
  for (const apiVersion of readdirSync(dir).sort()) {
    if (!/^v\d+$|^default$/.test(apiVersion)) continue;
    const snapshots: Snapshot[] = [];
    for (const file of readdirSync(join(dir, apiVersion))) {
      if (!file.endsWith(".json")) continue;
      snapshots.push(
        parseSnapshot(readFileSync(join(dir, apiVersion, file), "utf8"), `${apiVersion}/${file}`),
      );
    }
    snapshots.sort((a, b) => compareSemVer(a.version, b.version));
    if (snapshots.length > 0) history.set(apiVersion, snapshots);
  }
  return history;
}

export function parseSnapshot(text: string, file: string): Snapshot {
  const raw = JSON.parse(text) as Partial<Snapshot>;
  const problems: string[] = [];
  if (typeof raw.apiVersion !== "string") problems.push("apiVersion");
  if (typeof raw.version !== "string" || !isSemVer(raw.version)) problems.push("version (MAJOR.MINOR.PATCH)");
  if (typeof raw.releasedAt !== "string") problems.push("releasedAt");
  if (!Array.isArray(raw.changes)) problems.push("changes");
  if (problems.length > 0) throw new Error(`api-history/${file}: missing or invalid ${problems.join(", ")}`);
  const expected = snapshotFile(raw.apiVersion!, raw.version!);
  if (expected !== file) throw new Error(`api-history/${file}: its content says it is ${expected}`);
  return {
    apiVersion: raw.apiVersion!,
    version: raw.version!,
    releasedAt: raw.releasedAt!,
    summary: typeof raw.summary === "string" ? raw.summary : "",
    sdkVersion: typeof raw.sdkVersion === "string" ? raw.sdkVersion : null,
    changes: raw.changes!,
    spec: assertOpenApi30(raw.spec, `api-history/${file} (spec)`),
  };
}

export function serializeSnapshot(snapshot: Snapshot): string {
  return formatJson({ $comment: SNAPSHOT_COMMENT, ...snapshot });
}

export function latestSnapshot(history: ApiHistory, apiVersion: string): Snapshot | undefined {
  return history.get(apiVersion)?.at(-1);
}
