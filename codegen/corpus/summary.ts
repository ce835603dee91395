import type { SpecResult } from "./run-corpus.js";

/**
 * The report: `N/M specs generate and typecheck` over the OpenAPI 3.0 specs, the skipped ones
 * counted apart, then failures grouped by cause, most frequent first, each with a few of its specs.
 */
export function summarize(results: SpecResult[], examples = 5): string {
  const skipped = results.filter((result) => result.status === "skipped");
  const failed = results.filter((result) => result.status === "failed");
  const attempted = results.length - skipped.length;
  const ok = attempted - failed.length;
  const lines = [`${ok}/${attempted} specs generate and typecheck`];
  const byVersion = new Map<string, number>();
  for (const result of skipped) byVersion.set(result.version, (byVersion.get(result.version) ?? 0) + 1);
  if (byVersion.size > 0) {
    const counts = [...byVersion].sort().map(([version, count]) => `${count} ${version}`);
    lines.push(`skipped (codegen takes OpenAPI 3.0 only): ${counts.join(", ")}`);
  }
  // What generated but cannot be served as specified (say a text/plain request body), counted apart.
  const warned = results.filter((result) => result.status === "ok" && (result.warnings?.length ?? 0) > 0);
  if (warned.length > 0) {
    const count = warned.reduce(
      (sum, result) => sum + (result.status === "ok" ? (result.warnings?.length ?? 0) : 0),
      0,
    );
    lines.push(`codegen warnings (not served as specified): ${count} in ${warned.length} specs`);
  }
  const byCause = new Map<string, string[]>();
  for (const result of failed) byCause.set(result.cause, [...(byCause.get(result.cause) ?? []), result.name]);
  if (byCause.size > 0) lines.push("", `failures by cause (${byCause.size}):`);
  const sorted = [...byCause].sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : 1));
  for (const [cause, names] of sorted) {
    const more = names.length > examples ? `, … ${names.length - examples} more` : "";
    lines.push(
      `  ${String(names.length).padStart(4)}  ${cause}`,
      `        ${names.slice(0, examples).join(", ")}${more}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
