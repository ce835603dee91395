import { type Figure, formatRatio, formatValue, ratioOf } from "./figure.js";

function targetCell(figure: Figure): string {
  if (!figure.target) return "";
  return `${figure.target.met ? "met" : "MISSED"}: ${figure.target.text}`;
}

function cells(figure: Figure): [string, string, string, string, string] {
  return [
    figure.label,
    formatValue(figure.value, figure.unit),
    figure.baseline ? `${formatValue(figure.baseline.value, figure.unit)} (${figure.baseline.label})` : "—",
    formatRatio(ratioOf(figure)),
    targetCell(figure),
  ];
}

function groups(figures: readonly Figure[]): Map<string, Figure[]> {
  const byGroup = new Map<string, Figure[]>();
  for (const figure of figures) byGroup.set(figure.group, [...(byGroup.get(figure.group) ?? []), figure]);
  return byGroup;
}

/** For the terminal: aligned columns, one block per group, notes under their row. */
export function formatTextTable(
  figures: readonly Figure[],
  unavailable: Record<string, string> = {},
): string {
  const header = ["Figure", "Ours", "Baseline", "Ratio", "Target"] as const;
  const rows = figures.map(cells);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) =>
        column === 1 || column === 3 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
      )
      .join("  ")
      .trimEnd();
  const out = [line(header)];
  for (const [group, members] of groups(figures)) {
    out.push("", group);
    for (const figure of members) {
      out.push(line(cells(figure)));
      if (figure.note) out.push(`    ${figure.note}`);
    }
  }
  for (const [what, reason] of Object.entries(unavailable)) out.push("", `${what}: ${reason}`);
  return out.join("\n");
}

/** For RESULTS.md: one Markdown table, groups as bold separator rows. */
export function formatMarkdownTable(
  figures: readonly Figure[],
  unavailable: Record<string, string> = {},
): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  const out = [
    "| Figure | Ours | Baseline | Ratio | Target | Notes |",
    "| --- | --: | --- | --: | --- | --- |",
  ];
  for (const [group, members] of groups(figures)) {
    out.push(`| **${cell(group)}** | | | | | |`);
    for (const figure of members) {
      out.push(`| ${[...cells(figure), figure.note ?? ""].map(cell).join(" | ")} |`);
    }
  }
  for (const [what, reason] of Object.entries(unavailable))
    out.push(`| **${cell(what)}** | ${cell(reason)} | | | | |`);
  return out.join("\n");
}
