import type { SpecOperation } from "../lib/openapi-document.cjs";
import { NOT_PROBEABLE } from "./not-probeable.js";
import type { ProbeTable } from "./probe-types.js";

export type CoverageState = "probed" | "not-probeable" | "missing" | "stale";

export interface CoverageRow {
  operationId: string;
  status: string;
  state: CoverageState;
  /** Why: the not-probeable reason, or what is wrong. */
  note?: string;
}

/**
 * Compares the probe table with the spec both ways: a documented status without a probe fails (so a
 * new error response in the spec forces a probe), and so does a probe whose operation or status is
 * no longer documented.
 */
export function computeCoverage(
  operations: readonly SpecOperation[],
  table: ProbeTable,
  notProbeable: Readonly<Record<string, string>> = NOT_PROBEABLE,
): CoverageRow[] {
  const rows: CoverageRow[] = [];
  for (const op of operations) {
    const probes = table[op.operationId] ?? {};
    for (const status of Object.keys(op.responses)) {
      const cases = probes[Number(status)] ?? [];
      if (cases.length > 0) rows.push({ operationId: op.operationId, status, state: "probed" });
      else if (notProbeable[status]) {
        rows.push({
          operationId: op.operationId,
          status,
          state: "not-probeable",
          note: notProbeable[status],
        });
      } else {
        rows.push({
          operationId: op.operationId,
          status,
          state: "missing",
          note: `documented in openapi.yaml but no probe in checks/probes triggers it`,
        });
      }
    }
    for (const status of Object.keys(probes)) {
      if (!(status in op.responses)) {
        rows.push({
          operationId: op.operationId,
          status,
          state: "stale",
          note: `probed, but ${op.operationId} does not document ${status}`,
        });
      }
    }
  }
  for (const operationId of Object.keys(table)) {
    if (!operations.some((op) => op.operationId === operationId)) {
      for (const status of Object.keys(table[operationId] ?? {})) {
        rows.push({
          operationId,
          status,
          state: "stale",
          note: `${operationId} is no longer in openapi.yaml`,
        });
      }
    }
  }
  return rows;
}
