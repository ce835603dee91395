import type { SpecOperation } from "../lib/openapi-document.cjs";
import type { SchemaValidator } from "../lib/schema-validator.cjs";
import type { Exchange } from "../setup/http-client.js";
import { type CoverageRow, computeCoverage } from "./coverage.js";
import { gradeExchange } from "./grade-exchange.js";
import { KNOWN_ISSUES, type KnownIssue, knownIssueFor } from "./known-issues.js";
import type { ProbeCase, ProbeContext, ProbeTable, Sent } from "./probe-types.js";

export interface CaseResult {
  operationId: string;
  status: number;
  title: string;
  /** False when the case failed, or when a known issue no longer reproduces. */
  ok: boolean;
  failures: string[];
  requests: number;
  /** Set when the case fails as listed in known-issues.ts: reported, but not failing the run. */
  knownIssue?: string;
}

export interface ChecksRun {
  ok: boolean;
  coverage: CoverageRow[];
  results: CaseResult[];
}

export interface ChecksOptions {
  operations: readonly SpecOperation[];
  table: ProbeTable;
  validator: SchemaValidator;
  ctx: ProbeContext;
  log: (line: string) => void;
  /** Defaults to the list in known-issues.ts. */
  knownIssues?: readonly KnownIssue[];
  /** Statuses no probe can trigger, with the reason; defaults to not-probeable.ts. */
  notProbeable?: Readonly<Record<string, string>>;
}

/** Runs every probe case of every documented status, in spec order, one at a time. */
export async function runChecks({
  operations,
  table,
  validator,
  ctx,
  log,
  knownIssues = KNOWN_ISSUES,
  notProbeable,
}: ChecksOptions): Promise<ChecksRun> {
  const coverage = computeCoverage(operations, table, notProbeable);
  for (const row of coverage) {
    if (row.state === "missing" || row.state === "stale") {
      log(`  ✗ ${row.operationId} ${row.status}: ${row.note}`);
    }
  }
  const results: CaseResult[] = [];
  for (const operation of operations) {
    const probes = table[operation.operationId] ?? {};
    const statuses = Object.keys(probes)
      .map(Number)
      .filter((status) => String(status) in operation.responses)
      .sort((a, b) => a - b);
    for (const status of statuses) {
      for (const probeCase of probes[status] ?? []) {
        const result = applyKnownIssue(
          await runCase(operation, status, probeCase, validator, ctx),
          knownIssues,
        );
        results.push(result);
        const mark = result.knownIssue ? "!" : result.ok ? "✓" : "✗";
        log(`  ${mark} ${operation.operationId} ${status} ${probeCase.title}`);
        if (result.knownIssue) log(`      known issue: ${result.knownIssue}`);
        for (const failure of result.failures) log(`      - ${failure}`);
      }
    }
  }
  const ok =
    results.every((result) => result.ok) &&
    coverage.every((row) => row.state === "probed" || row.state === "not-probeable");
  return { ok, coverage, results };
}

async function runCase(
  operation: SpecOperation,
  status: number,
  probeCase: ProbeCase,
  validator: SchemaValidator,
  ctx: ProbeContext,
): Promise<CaseResult> {
  const result: CaseResult = {
    operationId: operation.operationId,
    status,
    title: probeCase.title,
    ok: false,
    failures: [],
    requests: 0,
  };
  try {
    const sent = asSent(await probeCase.send(ctx));
    result.requests = sent.exchanges.length;
    if (sent.exchanges.length === 0) result.failures.push("probe bug: the case sent nothing to grade");
    for (const exchange of sent.exchanges) {
      const failures = gradeExchange(exchange, operation, status, validator, probeCase.errorPath);
      const where = `${exchange.request.method} ${exchange.request.path.slice(0, 120)}`;
      result.failures.push(...failures.map((failure) => `${where}: ${failure}`));
    }
    // Semantic assertions only make sense once the responses are what the contract says.
    if (result.failures.length === 0) await sent.verify?.();
  } catch (error) {
    result.failures.push(error instanceof Error ? error.message : String(error));
  }
  result.ok = result.failures.length === 0;
  return result;
}

/** A listed case that fails is a known issue; one that passes means the entry must go. */
function applyKnownIssue(result: CaseResult, knownIssues: readonly KnownIssue[]): CaseResult {
  const known = knownIssueFor(knownIssues, result.operationId, result.status, result.title);
  if (!known) return result;
  if (!result.ok) return { ...result, ok: true, knownIssue: known.issue };
  return {
    ...result,
    ok: false,
    failures: ["passes now: the known issue is fixed, remove its entry from checks/known-issues.ts"],
  };
}

function asSent(value: Exchange | Exchange[] | Sent): Sent {
  if (Array.isArray(value)) return { exchanges: value };
  if ("exchanges" in value) return value;
  return { exchanges: [value] };
}
