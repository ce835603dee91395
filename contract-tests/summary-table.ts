import { NOT_PROBEABLE } from "./checks/not-probeable.js";
import type { ChecksRun } from "./checks/run-checks.js";
import type { DreddRun } from "./dredd/run-dredd.js";
import type { SpecOperation } from "./lib/openapi-document.cjs";

export interface SummaryInput {
  operations: readonly SpecOperation[];
  dredd?: DreddRun;
  checks?: ChecksRun;
}

/** One row per operation: Dredd's verdict on its 2xx, then every documented status and its probes. */
export function formatSummaryTable({ operations, dredd, checks }: SummaryInput): string[] {
  const rows = operations.map((op) => [op.operationId, dreddCell(op, dredd), statusCells(op, checks)]);
  const header = ["operation", "dredd", checks ? "checks by documented status" : "checks"];
  const widths = [0, 1].map((column) =>
    Math.max(header[column]!.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell)).join("  ");
  return [
    line(header),
    line(header.map((cell, column) => "-".repeat(column < 2 ? widths[column]! : cell.length))),
    ...rows.map(line),
  ];
}

function dreddCell(operation: SpecOperation, dredd: DreddRun | undefined): string {
  if (!dredd) return "-";
  const verdicts = dredd.verdicts.filter((verdict) => verdict.operationId === operation.operationId);
  if (verdicts.length === 0) return "NOT RUN";
  return verdicts
    .map((verdict) => `${verdict.status} ${verdict.outcome === "pass" ? "ok" : "FAIL"}`)
    .join(", ");
}

function statusCells(operation: SpecOperation, checks: ChecksRun | undefined): string {
  if (!checks) return "-";
  const cells: string[] = [];
  for (const row of checks.coverage.filter((r) => r.operationId === operation.operationId)) {
    if (row.state === "not-probeable") cells.push(`${row.status} n/p`);
    else if (row.state === "missing") cells.push(`${row.status} NO PROBE`);
    else if (row.state === "stale") cells.push(`${row.status} STALE PROBE`);
    else {
      const results = checks.results.filter(
        (result) => result.operationId === operation.operationId && String(result.status) === row.status,
      );
      const failed = results.filter((result) => !result.ok).length;
      const known = results.filter((result) => result.knownIssue).length;
      const note = known > 0 ? ` (${known} known issue${known > 1 ? "s" : ""})` : "";
      cells.push(
        failed === 0
          ? `${row.status} ok×${results.length}${note}`
          : `${row.status} FAIL ${failed}/${results.length}`,
      );
    }
  }
  return cells.join("  ");
}

/** The closing lines: totals per part and the verdict. */
export function formatTotals({ dredd, checks }: SummaryInput, seconds: number, ok: boolean): string[] {
  const lines: string[] = [];
  if (dredd) {
    const t = dredd.totals;
    lines.push(
      t
        ? `Dredd:  ${t.passing} passed, ${t.failing} failed, ${t.errors} errors, ${t.skipped} skipped (non-2xx: our checks trigger those)`
        : `Dredd:  no result (exit code ${dredd.exitCode})`,
    );
    for (const problem of dredd.problems) lines.push(`        ✗ ${problem}`);
  }
  if (checks) {
    const passed = checks.results.filter((result) => result.ok).length;
    const requests = checks.results.reduce((sum, result) => sum + result.requests, 0);
    const count = (state: string) => checks.coverage.filter((row) => row.state === state).length;
    const known = checks.results.filter((result) => result.knownIssue);
    lines.push(
      `Checks: ${passed - known.length}/${checks.results.length} cases passed, ${known.length} known API issues ` +
        `(${requests} graded responses); ` +
        `${count("probed")} documented statuses probed, ${count("not-probeable")} not probeable (${Object.keys(NOT_PROBEABLE).join(", ")}), ` +
        `${count("missing")} without a probe, ${count("stale")} stale probes`,
    );
    for (const result of known) {
      lines.push(`        ! ${result.operationId} ${result.status} ${result.title}: ${result.knownIssue}`);
    }
    for (const result of checks.results.filter((r) => !r.ok)) {
      lines.push(
        `        ✗ ${result.operationId} ${result.status} ${result.title}: ${result.failures.join(" | ")}`,
      );
    }
  }
  lines.push(`Result: ${ok ? "PASS" : "FAIL"} in ${seconds.toFixed(1)} s`);
  return lines;
}

/**
 * What the run graded, counted as the totals above count it: Dredd transactions that ran (passing,
 * failing and errored; skips left out) plus probe cases. `failed` are those that failed; a case
 * failing as a listed known issue is not one, as in the totals.
 */
export function countGraded({ dredd, checks }: Omit<SummaryInput, "operations">): {
  checks: number;
  failed: number;
} {
  const totals = dredd?.totals;
  const dreddFailed = totals ? totals.failing + totals.errors : 0;
  const dreddRan = totals ? totals.passing + dreddFailed : 0;
  const cases = checks?.results ?? [];
  return {
    checks: dreddRan + cases.length,
    failed: dreddFailed + cases.filter((result) => !result.ok).length,
  };
}
