import type { OpenApiDocument } from "../spec.js";
import { type ApiHistory, latestSnapshot, type Snapshot, snapshotFile } from "./api-history.js";
import { bumpFor, type Change, operationLabel } from "./change.js";
import { diffVersion } from "./diff-specs.js";
import { summarize } from "./render-report.js";
import { bumpSemVer, compareSemVer, maxSemVer } from "./semver.js";
import { sliceVersion } from "./version-slice.js";

export class ReleaseError extends Error {
  override name = "ReleaseError";
}

export interface ReleaseRequest {
  doc: OpenApiDocument;
  apiVersion: string;
  history: ApiHistory;
  /** `YYYY-MM-DD`. */
  date: string;
  summary?: string;
  /** sdk/package.json's version; undefined when the SDK has no package. */
  sdkVersion?: string;
}

export type ReleasePlan =
  /** The contract equals the latest snapshot: nothing new to freeze. */
  | { kind: "unchanged"; snapshot: Snapshot; file: string }
  | { kind: "new"; snapshot: Snapshot; file: string; previous?: Snapshot; sdkBumped: boolean };

/**
 * Decides what `npm run release -- --version v1` freezes, refusing what must not ship: a breaking
 * change to a released version, or an `info.version` that does not move with the changes.
 */
export function planRelease(request: ReleaseRequest): ReleasePlan {
  const { doc, apiVersion, history } = request;
  const spec = sliceVersion(doc, apiVersion);
  if (Object.keys(spec.paths).length === 0)
    throw new ReleaseError(`the spec has no ${apiVersion} operations (paths starting with /${apiVersion}/)`);
  const previous = latestSnapshot(history, apiVersion);
  if (previous && sameContract(previous.spec, spec))
    return { kind: "unchanged", snapshot: previous, file: snapshotFile(apiVersion, previous.version) };

  const changes = previous ? diffVersion(previous.spec, spec, apiVersion) : [];
  const breaking = changes.filter((change) => change.level === "breaking");
  if (breaking.length > 0)
    throw new ReleaseError(
      `${apiVersion} ${previous!.version} is released and may only grow; these changes break it:\n${breaking
        .map((change) => `  ${operationLabel(change)}: ${change.rule}: ${change.message} (${change.pointer})`)
        .join("\n")}\nRevert them, or make them in a new API version.`,
    );
  // A contract can differ without a classified change (examples, extensions): still a patch.
  const bump = previous ? (bumpFor(changes) === "none" ? "patch" : bumpFor(changes)) : "none";
  const version = doc.info.version;
  if (previous) {
    const needed = bumpSemVer(previous.version, bump);
    if (compareSemVer(version, needed) < 0)
      throw new ReleaseError(
        `api-history/${snapshotFile(apiVersion, previous.version)} is the latest ${apiVersion} release and the contract changed (${summarize(changes)}): set info.version in openapi.yaml to ${needed} or later, run \`npm run codegen\`, then release again.`,
      );
  }
  if (history.get(apiVersion)?.some((snapshot) => snapshot.version === version))
    throw new ReleaseError(
      `api-history/${snapshotFile(apiVersion, version)} already exists with a different contract`,
    );

  let sdkVersion: string | null = request.sdkVersion ?? null;
  let sdkBumped = false;
  if (request.sdkVersion && previous?.sdkVersion && bump !== "none") {
    sdkVersion = maxSemVer([request.sdkVersion, bumpSemVer(previous.sdkVersion, bump)])!;
    sdkBumped = sdkVersion !== request.sdkVersion;
  }
  const snapshot: Snapshot = {
    apiVersion,
    version,
    releasedAt: request.date,
    summary: request.summary ?? defaultSummary(apiVersion, spec, changes, previous),
    sdkVersion,
    changes,
    spec,
  };
  return { kind: "new", snapshot, file: snapshotFile(apiVersion, version), previous, sdkBumped };
}

function defaultSummary(
  apiVersion: string,
  spec: OpenApiDocument,
  changes: Change[],
  previous?: Snapshot,
): string {
  if (!previous) {
    const operations = Object.values(spec.paths).reduce(
      (count, item) =>
        count + Object.keys(item).filter((key) => key !== "parameters" && !key.startsWith("x-")).length,
      0,
    );
    return `First release of ${apiVersion}: ${operations} operations.`;
  }
  return `Changes since ${previous.version}: ${summarize(changes).replace(/:.*$/, "")}.`;
}

/** Equal paths, components and security; `info` (its version included) is not part of the contract. */
export function sameContract(a: OpenApiDocument, b: OpenApiDocument): boolean {
  const contract = (doc: OpenApiDocument) =>
    stableStringify({ paths: doc.paths, components: doc.components ?? {}, security: doc.security ?? null });
  return contract(a) === contract(b);
}

function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === "object" && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([left], [right]) => left.localeCompare(right)))
      : item,
  );
}
