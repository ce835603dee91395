import { operationDeprecation } from "./deprecation.js";
import { esc, inlineCode } from "./emit-docs.js";
import type { OperationModel } from "./operations.js";
import type { OpenApiDocument } from "./spec.js";
import { type ApiHistory, snapshotFile } from "./versioning/api-history.js";
import type { Change } from "./versioning/change.js";
import { diffAgainstHistory } from "./versioning/version-diff.js";

/**
 * The docs' "Changes" section: per API version, whether it is released, what changed in each
 * release (from api-history/), what changed since the last one, and what is deprecated.
 */
export function emitChangesSection(
  doc: OpenApiDocument,
  operations: OperationModel[],
  history: ApiHistory,
): string {
  const parts = [
    `<section id="changes"><h1>Changes</h1><p>A released API version only grows: <code>npm test</code> rejects breaking changes to it (see <code>npm run spec:diff</code>), and breaking changes ship as a new version.</p>`,
  ];
  for (const diff of diffAgainstHistory(doc, history)) {
    const { apiVersion } = diff;
    const snapshots = [...(history.get(apiVersion) ?? [])].reverse();
    parts.push(`<h2 id="changes-${esc(apiVersion)}">${esc(apiVersion)}</h2>`);
    if (!diff.released) parts.push("<p>Not released yet: it may still change in breaking ways.</p>");
    else
      parts.push(
        `<p>Released: ${esc(diff.released.version)} on ${esc(diff.released.releasedAt)} (<code>api-history/${esc(snapshotFile(apiVersion, diff.released.version))}</code>).</p>`,
      );
    parts.push(deprecations(operations.filter((operation) => operation.version === apiVersion)));
    if (diff.released && diff.changes.length > 0)
      parts.push(
        `<h3>Unreleased</h3><p>Changes since ${esc(diff.released.version)}:</p>${changeList(diff.changes)}`,
      );
    for (const snapshot of snapshots)
      parts.push(
        `<h3>${esc(snapshot.version)} — ${esc(snapshot.releasedAt)}</h3><p>${esc(snapshot.summary)}</p>${changeList(snapshot.changes)}`,
      );
  }
  parts.push("</section>");
  return parts.filter((part) => part !== "").join("\n");
}

function deprecations(operations: OperationModel[]): string {
  const items = operations
    .map((operation) => ({ operation, deprecation: operationDeprecation(operation) }))
    .filter(({ deprecation }) => deprecation.deprecated || deprecation.sunset)
    .map(
      ({ operation, deprecation }) =>
        `<li><a href="#${operation.operationId}"><code>${operation.operationId}</code></a> deprecated${
          deprecation.deprecatedAt ? ` since ${esc(deprecation.deprecatedAt)}` : ""
        }${deprecation.sunset ? `, sunset ${esc(deprecation.sunset)}` : ""}</li>`,
    );
  return items.length > 0 ? `<h3>Deprecated</h3><ul>${items.join("")}</ul>` : "";
}

function changeList(changes: readonly Change[]): string {
  if (changes.length === 0) return "";
  return `<ul>${changes
    .map(
      (change) =>
        `<li><span class="level ${change.level}">${change.level}</span> <a href="#${esc(change.operationId)}"><code>${esc(change.operationId)}</code></a>: ${inlineCode(change.message)} <small>${esc(change.rule)}</small></li>`,
    )
    .join("")}</ul>`;
}
