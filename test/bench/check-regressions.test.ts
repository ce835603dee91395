import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkAgainstRecorded } from "../../bench/check-regressions.js";
import type { Figure } from "../../bench/figure.js";
import { describeMachine } from "../../bench/machine.js";
import { formatTextTable } from "../../bench/report-table.js";
import { readRecordedRun, toRecorded, writeRecordedRun } from "../../bench/results-file.js";

const figure = (overrides: Partial<Figure>): Figure => ({
  id: "x",
  group: "g",
  label: "x",
  value: 100,
  unit: "ms",
  better: "lower",
  ...overrides,
});

describe("bench --check", () => {
  const recorded = [
    { id: "size", value: 1000 },
    { id: "time", value: 50, baseline: 10, ratio: 5 },
    { id: "rate", value: 800, baseline: 1000, ratio: 0.8 },
  ];

  it("compares sizes as values and times as ratios to their same-run baseline", () => {
    const result = checkAgainstRecorded(
      [
        figure({ id: "size", value: 1150, unit: "B", checkOn: "value" }),
        // Twice as slow in absolute terms, but so is its baseline: a slower machine, not a regression.
        figure({ id: "time", value: 100, baseline: { label: "b", value: 20 }, checkOn: "ratio" }),
      ],
      recorded,
    );
    expect(result.regressions).toEqual([]);
    expect(result.compared.map((comparison) => comparison.id)).toEqual(["size", "time"]);
  });

  it("fails a figure more than 20% worse, in whichever direction is worse for it", () => {
    const result = checkAgainstRecorded(
      [
        figure({ id: "size", value: 1201, unit: "B", checkOn: "value" }),
        figure({ id: "time", value: 60, baseline: { label: "b", value: 10 }, checkOn: "ratio" }),
        figure({
          id: "rate",
          value: 600,
          baseline: { label: "b", value: 1000 },
          unit: "req/s",
          better: "higher",
          checkOn: "ratio",
        }),
      ],
      recorded,
    );
    expect(result.regressions.map((regression) => regression.id)).toEqual(["size", "rate"]);
  });

  it("reports figures it cannot compare instead of failing on them", () => {
    const result = checkAgainstRecorded(
      [figure({ id: "new", checkOn: "value" }), figure({ id: "unchecked" })],
      recorded,
    );
    expect(result.regressions).toEqual([]);
    expect(result.notRecorded).toEqual(["new"]);
    expect(result.notMeasured).toEqual(["size", "time", "rate"]);
  });
});

describe("RESULTS.md", () => {
  const dir = mkdtempSync(join(tmpdir(), "cellar-bench-results-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("round-trips the recorded run and keeps the prose written around it", () => {
    const file = join(dir, "RESULTS.md");
    writeFileSync(file, "# Bench results\n\nIntro.\n");
    const figures = [figure({ id: "time", baseline: { label: "b", value: 40 }, checkOn: "ratio" })];
    writeRecordedRun(file, toRecorded(describeMachine(), figures), figures, {});
    writeFileSync(file, `${readFileSync(file, "utf8")}\n## Notes\n\nKept.\n`);
    writeRecordedRun(file, toRecorded(describeMachine(), figures), figures, { sdk: "not built yet" });
    const text = readFileSync(file, "utf8");
    expect(text).toMatch(/^# Bench results\n\nIntro\.\n/);
    expect(text).toMatch(/## Notes\n\nKept\.\n$/);
    expect(text.match(/bench:recorded:begin/g)).toHaveLength(1);
    expect(readRecordedRun(file).figures).toEqual([{ id: "time", value: 100, baseline: 40, ratio: 2.5 }]);
  });
});

describe("the bench table", () => {
  it("says which benches could not run, e.g. the SDK's before bench/sdk-size.ts exists", () => {
    expect(formatTextTable([figure({ id: "a" })], { sdk: "not built yet" })).toMatch(/\nsdk: not built yet$/);
  });
});
