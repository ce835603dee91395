import { operationDeprecation } from "../deprecation.js";
import type { OperationModel } from "../operations.js";
import type { OpenApiDocument } from "../spec.js";
import { type ApiHistory, snapshotFile } from "../versioning/api-history.js";
import type { Change } from "../versioning/change.js";
import { diffAgainstHistory } from "../versioning/version-diff.js";
import { inlineCode } from "./markdown-page.js";
import { versionLabel } from "./sdk-examples.js";

/**
 * The changelog page, as Markdown: per API version, whether it is released, what is deprecated,
 * what changed since the last release and in each release (from api-history/).
 */
export function changelogMarkdown(
  doc: OpenApiDocument,
  operations: OperationModel[],
  history: ApiHistory,
): string {
  const parts = [
    `# Changes

A released API version only grows: ${inlineCode("npm test")} rejects breaking changes to it (see ${inlineCode("npm run spec:diff")}), and breaking changes ship as a new version.`,
  ];
  for (const diff of diffAgainstHistory(doc, history)) {
    const { apiVersion } = diff;
    const snapshots = [...(history.get(apiVersion) ?? [])].reverse();
    parts.push(`## ${versionLabel(apiVersion)}`);
    parts.push(
      diff.released
        ? `Released: ${diff.released.version} on ${diff.released.releasedAt} (${inlineCode(`api-history/${snapshotFile(apiVersion, diff.released.version)}`)}).`
        : "Not released yet: it may still change in breaking ways.",
    );
    parts.push(deprecations(operations.filter((operation) => operation.version === apiVersion)));
    if (diff.released && diff.changes.length > 0)
      parts.push(`### Unreleased\n\nChanges since ${diff.released.version}:\n\n${changeList(diff.changes)}`);
    for (const snapshot of snapshots)
      parts.push(
        `### ${snapshot.version} — ${snapshot.releasedAt}\n\n${snapshot.summary}\n\n${changeList(snapshot.changes)}`,
      );
  }
  return `${parts
    .map((part) => part.trim())
    .filter(Boolean)
    .join("\n\n")}\n`;
}

function deprecations(operations: OperationModel[]): string {
  const items = operations
    .map((operation) => ({ operation, deprecation: operationDeprecation(operation) }))
    .filter(({ deprecation }) => deprecation.deprecated || deprecation.sunset)
    .map(
      ({ operation, deprecation }) =>
        `- ${inlineCode(operation.operationId)} deprecated${deprecation.deprecatedAt ? ` since ${deprecation.deprecatedAt}` : ""}${deprecation.sunset ? `, sunset ${deprecation.sunset}` : ""}`,
    );
  return items.length > 0 ? `### Deprecated\n\n${items.join("\n")}` : "";
}

/** Each change's message is Markdown already (its names in backticks). */
function changeList(changes: readonly Change[]): string {
  return changes
    .map(
      (change) =>
        `- **${change.level}** ${inlineCode(change.operationId)}: ${change.message} _(${change.rule})_`,
    )
    .join("\n");
}
