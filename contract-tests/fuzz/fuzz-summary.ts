import type { FuzzRun } from "./run-fuzz.js";

/** One row per operation (cases per property, statuses seen), then the model, then the totals. */
export function formatFuzzSummary(run: FuzzRun, endpoint: string): string[] {
  const rows: string[][] = [];
  for (const operation of run.operations) {
    const results = run.results.filter((result) => result.subject === operation.operationId);
    const cell = (kind: string) => {
      const result = results.find((r) => r.kind === kind);
      if (!result) return "-";
      return result.failure ? `FAIL after ${result.runs}` : String(result.runs);
    };
    const statuses = Object.entries(run.statuses[operation.operationId] ?? {})
      .map(([status, count]) => `${status}×${count}`)
      .join(" ");
    rows.push([operation.operationId, cell("valid"), cell("invalid"), statuses]);
  }
  const model = run.results.find((result) => result.kind === "stateful");
  if (model)
    rows.push(["stateful model", model.failure ? `FAIL after ${model.runs}` : `${model.runs} seq`, "-", ""]);

  const header = ["operation", "valid", "invalid", "statuses seen"];
  const widths = [0, 1, 2].map((column) =>
    Math.max(header[column]!.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join("  ");
  const lines = [
    line(header),
    line(header.map((cell, i) => "-".repeat(i < 3 ? widths[i]! : cell.length))),
    ...rows.map(line),
  ];

  const failed = run.results.filter((result) => result.failure);
  for (const result of failed) {
    const failure = result.failure!;
    lines.push(
      "",
      `✗ ${result.subject} (${result.kind}): failed after ${result.runs} cases, shrunk ${failure.shrinks} times to:`,
      ...failure.counterexample.split("\n").map((text) => `    ${text}`),
      ...failure.failures.map((text) => `    - ${text}`),
      `    replay: npm run fuzz -- --endpoint ${endpoint} --seed ${failure.seed}${
        result.kind === "stateful" ? "" : ` --operation ${result.subject}`
      }`,
    );
  }
  const covered = new Set(
    run.results.map((result) => result.subject).filter((subject) => subject !== "model"),
  );
  lines.push(
    "",
    `Fuzz: ${covered.size} operations covered, ${run.requests} requests, ${failed.length} failing properties ` +
      `(seed ${run.seed}, ${run.runs} runs per property) in ${run.seconds.toFixed(1)} s: ${run.ok ? "PASS" : "FAIL"}`,
  );
  return lines;
}
