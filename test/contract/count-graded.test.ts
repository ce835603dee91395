import { describe, expect, it } from "vitest";
import type { CaseResult, ChecksRun } from "../../contract-tests/checks/run-checks.js";
import type { DreddRun } from "../../contract-tests/dredd/run-dredd.js";
import { countGraded } from "../../contract-tests/summary-table.js";

const result = (ok: boolean, knownIssue?: string): CaseResult => ({
  operationId: "getWineryV2",
  status: 404,
  title: "unknown id",
  ok,
  failures: ok ? [] : ["status 500"],
  requests: 2,
  ...(knownIssue ? { knownIssue } : {}),
});

describe("countGraded", () => {
  it("counts Dredd transactions that ran and probe cases, and the failed ones among them", () => {
    const dredd: DreddRun = {
      ok: false,
      exitCode: 1,
      totals: { passing: 30, failing: 2, errors: 1, skipped: 40 },
      verdicts: [],
      problems: [],
    };
    const checks: ChecksRun = {
      ok: false,
      coverage: [],
      results: [result(true), result(false), result(true, "listed in known-issues.ts")],
    };
    expect(countGraded({ dredd, checks })).toEqual({ checks: 33 + 3, failed: 3 + 1 });
  });

  it("counts nothing for a part that did not run or printed no totals", () => {
    expect(countGraded({})).toEqual({ checks: 0, failed: 0 });
    expect(
      countGraded({ dredd: { ok: false, exitCode: null, verdicts: [], problems: ["no summary"] } }),
    ).toEqual({ checks: 0, failed: 0 });
  });
});
