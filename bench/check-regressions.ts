import { type Figure, ratioOf } from "./figure.js";
import type { RecordedFigure } from "./results-file.js";

export const REGRESSION_TOLERANCE = 0.2;

export interface Comparison {
  id: string;
  label: string;
  on: "value" | "ratio";
  recorded: number;
  current: number;
  /** How much worse than recorded, as a fraction (negative: better). */
  worse: number;
}

export interface CheckResult {
  compared: Comparison[];
  regressions: Comparison[];
  /** Checked figures of this run that the recorded run does not have, and the reverse. */
  notRecorded: string[];
  notMeasured: string[];
}

/**
 * Sizes are compared as values (bytes do not depend on the machine); times and rates as ratios to
 * the baseline measured in the same run, so a faster or busier machine does not pass for a change.
 */
export function checkAgainstRecorded(
  figures: readonly Figure[],
  recorded: readonly RecordedFigure[],
  tolerance = REGRESSION_TOLERANCE,
): CheckResult {
  const byId = new Map(recorded.map((figure) => [figure.id, figure]));
  const compared: Comparison[] = [];
  const notRecorded: string[] = [];
  for (const figure of figures) {
    if (!figure.checkOn) continue;
    const before = byId.get(figure.id);
    const recordedValue = figure.checkOn === "value" ? before?.value : before?.ratio;
    const current = figure.checkOn === "value" ? figure.value : ratioOf(figure);
    if (recordedValue === undefined || current === undefined) {
      notRecorded.push(figure.id);
      continue;
    }
    const change = (current - recordedValue) / recordedValue;
    compared.push({
      id: figure.id,
      label: figure.label,
      on: figure.checkOn,
      recorded: recordedValue,
      current,
      worse: figure.better === "lower" ? change : -change,
    });
  }
  const measured = new Set(figures.map((figure) => figure.id));
  return {
    compared,
    regressions: compared.filter((comparison) => comparison.worse > tolerance),
    notRecorded,
    notMeasured: recorded.map((figure) => figure.id).filter((id) => !measured.has(id)),
  };
}

export function formatCheck(result: CheckResult, tolerance = REGRESSION_TOLERANCE): string {
  const lines = result.compared.map((comparison) => {
    const verdict = comparison.worse > tolerance ? "REGRESSED" : "ok";
    const percent = `${comparison.worse >= 0 ? "+" : ""}${(comparison.worse * 100).toFixed(0)}% worse`;
    const show = (value: number) =>
      comparison.on === "ratio" ? `${value.toFixed(3)}x` : String(Math.round(value));
    return `${verdict.padEnd(9)} ${comparison.id} (${comparison.on}): ${show(comparison.recorded)} -> ${show(comparison.current)} (${percent})`;
  });
  for (const id of result.notRecorded) lines.push(`new       ${id}: not in the recorded run, not compared`);
  for (const id of result.notMeasured) lines.push(`skipped   ${id}: recorded but not measured in this run`);
  const summary =
    result.regressions.length === 0
      ? `check: no figure regressed by more than ${tolerance * 100}%`
      : `check: ${result.regressions.length} figure(s) regressed by more than ${tolerance * 100}%`;
  return [...lines, summary].join("\n");
}
