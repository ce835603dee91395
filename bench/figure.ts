/** One measured figure, next to the baseline measured in the same run. */
export interface Figure {
  /** Stable key, used in RESULTS.md and by `--check`: `bundle.wrapper.gzip`, `coldstart.ours`, ... */
  id: string;
  /** The section of issue 8 (the benchmark targets) it answers: "Handler bundle size", "Cold start", ... */
  group: string;
  label: string;
  value: number;
  unit: Unit;
  baseline?: { label: string; value: number };
  /** Which way is good, for the value and for `value / baseline`. */
  better: "lower" | "higher";
  target?: { text: string; met: boolean };
  /**
   * What `--check` compares with the recorded run: the value itself where it does not depend on the
   * machine (bytes), the ratio to the same-run baseline where it does (times); absent: not checked.
   */
  checkOn?: "value" | "ratio";
  note?: string;
}

export type Unit = "B" | "ms" | "µs" | "req/s";

export function ratioOf(figure: Figure): number | undefined {
  return figure.baseline && figure.baseline.value !== 0 ? figure.value / figure.baseline.value : undefined;
}

export function formatValue(value: number, unit: Unit): string {
  switch (unit) {
    case "B":
      return value >= 1024 ? `${(value / 1024).toFixed(1)} KB` : `${Math.round(value)} B`;
    case "ms":
      return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(value >= 10 ? 1 : 2)} ms`;
    case "µs":
      return `${value.toFixed(value >= 100 ? 0 : 1)} µs`;
    case "req/s":
      return `${Math.round(value).toLocaleString("en-US")} req/s`;
  }
}

export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined) return "—";
  return ratio >= 10 || ratio < 0.1 ? `${ratio.toPrecision(2)}x` : `${ratio.toFixed(2)}x`;
}
