import { describe, expect, it } from "vitest";
import { computeCoverage } from "../../contract-tests/checks/coverage.js";
import { probeTable } from "../../contract-tests/checks/probe-table.js";
import type { ProbeCase } from "../../contract-tests/checks/probe-types.js";
import { listOperations, loadSpec, type SpecOperation } from "../../contract-tests/lib/openapi-document.cjs";

const probe: ProbeCase = { title: "t", send: () => Promise.reject(new Error("not run")) };
const op = (operationId: string, statuses: string[]): SpecOperation => ({
  operationId,
  method: "GET",
  path: `/${operationId}`,
  secured: false,
  groups: [],
  parameters: [],
  responses: Object.fromEntries(statuses.map((status) => [status, { description: status }])),
});

describe("computeCoverage", () => {
  it("flags a documented status without a probe, and lists 500 and 503 as not probeable", () => {
    const rows = computeCoverage([op("getThing", ["200", "404", "500", "503"])], {
      getThing: { 200: [probe] },
    });
    expect(rows.map((row) => `${row.status} ${row.state}`)).toEqual([
      "200 probed",
      "404 missing",
      "500 not-probeable",
      "503 not-probeable",
    ]);
  });

  it("flags probes for statuses or operations no longer in the spec", () => {
    const rows = computeCoverage([op("getThing", ["200"])], {
      getThing: { 200: [probe], 409: [probe] },
      removedOp: { 200: [probe] },
    });
    expect(
      rows.filter((row) => row.state === "stale").map((row) => `${row.operationId} ${row.status}`),
    ).toEqual(["getThing 409", "removedOp 200"]);
  });

  it("an empty case list does not count as a probe", () => {
    const rows = computeCoverage([op("getThing", ["200"])], { getThing: { 200: [] } });
    expect(rows[0]!.state).toBe("missing");
  });

  it("the real probe table covers every documented status of openapi.yaml", () => {
    const rows = computeCoverage(listOperations(loadSpec()), probeTable);
    expect(rows.filter((row) => row.state === "missing" || row.state === "stale")).toEqual([]);
  });
});
