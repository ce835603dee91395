import { describe, expect, it } from "vitest";
import { notProbeableFor, withApiKeyProbes } from "../../contract-tests/checks/api-key-probes.js";
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
  apiKey: false,
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

  it("the real probe table, with the API-key probes, covers every documented status of openapi.yaml", () => {
    const operations = listOperations(loadSpec());
    const table = withApiKeyProbes(probeTable, operations, () => Promise.resolve("spent"));
    const rows = computeCoverage(operations, table);
    expect(rows.filter((row) => row.state === "missing" || row.state === "stale")).toEqual([]);
  });

  it("without a low-quota key, 429 is reported as not probeable instead of missing", () => {
    const operations = listOperations(loadSpec());
    const rows = computeCoverage(
      operations,
      withApiKeyProbes(probeTable, operations, undefined),
      notProbeableFor(undefined),
    );
    expect(rows.filter((row) => row.state === "missing" || row.state === "stale")).toEqual([]);
    const keyed = rows.filter((row) => row.status === "429");
    expect(keyed.length).toBeGreaterThan(0);
    expect(keyed.every((row) => row.state === "not-probeable" && /low-quota/.test(row.note ?? ""))).toBe(
      true,
    );
  });

  it("adds a missing/unknown key 403 to every keyed operation, beside its own 403 cases", () => {
    const operations = listOperations(loadSpec());
    const table = withApiKeyProbes(probeTable, operations, undefined);
    for (const operation of operations) {
      const titles = (table[operation.operationId]?.[403] ?? []).map((c) => c.title);
      expect(titles.includes("no x-api-key, an unknown x-api-key"), operation.operationId).toBe(
        operation.apiKey,
      );
      for (const own of probeTable[operation.operationId]?.[403] ?? []) expect(titles).toContain(own.title);
    }
    expect(
      operations.filter((operation) => operation.apiKey).map((operation) => operation.path),
    ).not.toContain("/v2/ping");
  });
});
