import { bumpFor, type Change, operationLabel } from "./change.js";
import { RULES } from "./rule-catalog.js";
import type { VersionDiff } from "./version-diff.js";

/** The readable `spec:diff` report: per version, per operation, every change with rule and pointer. */
export function renderReport(diffs: readonly VersionDiff[]): string {
  const lines: string[] = [];
  for (const diff of diffs) {
    const status = diff.released
      ? `released ${diff.released.version} on ${diff.released.releasedAt}`
      : "unreleased: may change freely";
    lines.push(
      `${diff.apiVersion} (${status})${diff.baseLabel ? `: ${diff.baseLabel} -> current spec` : ""}`,
    );
    if (!diff.baseLabel) {
      lines.push(
        "  no baseline to compare with (run `npm run release -- --version " +
          diff.apiVersion +
          "` to freeze it)",
      );
      continue;
    }
    if (diff.changes.length === 0) {
      lines.push("  no changes");
      continue;
    }
    let current = "";
    for (const change of diff.changes) {
      const operation = operationLabel(change);
      if (operation !== current) {
        current = operation;
        lines.push(`  ${operation}`);
      }
      lines.push(...renderChangeLines(change, "    "));
    }
    lines.push(`  ${summarize(diff.changes)}`);
  }
  return `${lines.join("\n")}\n`;
}

export function renderChangeLines(change: Change, indent: string): string[] {
  const lines = [
    `${indent}${change.level.toUpperCase()} ${change.rule}: ${change.message}`,
    `${indent}  at ${change.pointer}`,
  ];
  if (change.source) lines.push(`${indent}  edit ${change.source}`);
  return lines;
}

export function summarize(changes: readonly Change[]): string {
  const count = (level: Change["level"]) => changes.filter((change) => change.level === level).length;
  const bump = bumpFor(changes);
  return `${count("breaking")} breaking, ${count("additive")} additive, ${count("compatible")} compatible: ${
    bump === "none" ? "no SDK release needed" : `SDK ${bump} release`
  }`;
}

/** The `--json` form: the same data, plus each rule's description. */
export function reportJson(diffs: readonly VersionDiff[]): string {
  return `${JSON.stringify(
    diffs.map((diff) => ({
      apiVersion: diff.apiVersion,
      released: diff.released
        ? { version: diff.released.version, releasedAt: diff.released.releasedAt }
        : null,
      base: diff.baseLabel ?? null,
      bump: bumpFor(diff.changes),
      changes: diff.changes.map((change) => ({ ...change, description: RULES[change.rule][1] })),
    })),
    null,
    2,
  )}\n`;
}
