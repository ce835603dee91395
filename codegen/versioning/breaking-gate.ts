import { operationLabel } from "./change.js";
import { renderChangeLines } from "./render-report.js";
import { breakingChanges, type VersionDiff } from "./version-diff.js";

/** The failure message of the gate, or undefined when no released version has a breaking change. */
export function gateFailure(diffs: readonly VersionDiff[]): string | undefined {
  const breaking = breakingChanges(diffs);
  if (breaking.length === 0) return undefined;
  const lines = [
    `${breaking.length} breaking change(s) to released API versions. A released version may only grow:`,
    "revert these, or make them in a new version (a new /vN prefix).",
  ];
  for (const change of breaking) {
    const baseline = diffs.find((diff) => diff.apiVersion === change.apiVersion)?.baseLabel ?? "";
    lines.push(`- ${operationLabel(change)} vs ${baseline}`, ...renderChangeLines(change, "    "));
  }
  return lines.join("\n");
}
