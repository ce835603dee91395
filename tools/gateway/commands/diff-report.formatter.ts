import type { DefinitionDiff, DiffEntry } from "../definition/definition.differ.js";

export interface Comparison {
  stageName: string;
  baseline: string;
  other: string;
  definition?: DefinitionDiff;
  /** Stage variables and canary. */
  stageEntries: DiffEntry[];
  /** Why there was nothing to compare: the API or the stage does not exist on one side. */
  missing?: string;
}

const SECTIONS: Array<[keyof DefinitionDiff, string]> = [
  ["operations", "operations"],
  ["integrations", "integrations"],
  ["authorizers", "authorizers"],
  ["models", "models"],
  ["settings", "API settings"],
];
const MARK = { added: "+", removed: "-", changed: "~" } as const;

export function comparisonDiffers(comparison: Comparison): boolean {
  return Boolean(
    comparison.missing ||
      comparison.stageEntries.length ||
      (comparison.definition && SECTIONS.some(([key]) => comparison.definition![key].length)),
  );
}

/** "2 integrations, 1 operation". */
export function countDiff(diff: DefinitionDiff): string {
  return SECTIONS.filter(([key]) => diff[key].length)
    .map(([key, label]) => `${diff[key].length} ${diff[key].length === 1 ? label.replace(/s$/, "") : label}`)
    .join(", ");
}

/** The human report: one block per comparison, `+` only on the right, `-` only on the left, `~` changed. */
export function formatReport(comparisons: Comparison[]): string {
  const lines: string[] = [];
  for (const comparison of comparisons) {
    const title = `${comparison.stageName}: ${comparison.baseline} vs ${comparison.other}`;
    if (comparison.missing) {
      lines.push(`${title}: ${comparison.missing}`);
      continue;
    }
    if (!comparisonDiffers(comparison)) {
      lines.push(`${title}: no differences`);
      continue;
    }
    lines.push(title);
    const sections: Array<[string, DiffEntry[]]> = [
      ...SECTIONS.map(([key, label]): [string, DiffEntry[]] => [label, comparison.definition?.[key] ?? []]),
      ["stage", comparison.stageEntries],
    ];
    for (const [label, entries] of sections) {
      if (!entries.length) continue;
      lines.push(`  ${label}`);
      for (const entry of entries) {
        lines.push(
          `    ${MARK[entry.kind]} ${entry.subject}${entry.kind === "changed" ? "" : ` (${entry.kind})`}`,
        );
        for (const detail of entry.details) lines.push(`        ${detail}`);
      }
    }
  }
  const differing = comparisons.filter(comparisonDiffers).length;
  lines.push(
    differing
      ? `diff: ${differing} of ${comparisons.length} comparison${comparisons.length === 1 ? "" : "s"} differ (+ only in the right-hand side, - only in the left, ~ changed)`
      : `diff: no differences in ${comparisons.length} comparison${comparisons.length === 1 ? "" : "s"}`,
  );
  return `${lines.join("\n")}\n`;
}
