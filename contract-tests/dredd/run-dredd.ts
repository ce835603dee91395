import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { SpecOperation } from "../lib/openapi-document.cjs";
import {
  type DreddTotals,
  type DreddVerdict,
  operationForVerdict,
  parseTotals,
  parseVerdict,
} from "./dredd-output.js";
import { CONTEXT_ENV, type HookContext } from "./hook-context.cjs";

export interface DreddRun {
  ok: boolean;
  exitCode: number | null;
  totals?: DreddTotals;
  /** Verdicts of the transactions that ran (skips left out), with their operationId. */
  verdicts: Array<DreddVerdict & { operationId?: string }>;
  /** Reasons the run is not trustworthy beyond Dredd's own verdicts. */
  problems: string[];
}

export interface DreddOptions {
  dreddBin: string;
  specPath: string;
  hookfile: string;
  endpoint: string;
  context: HookContext;
  operations: readonly SpecOperation[];
  cwd: string;
  log: (line: string) => void;
  timeoutMs?: number;
}

// Lines that say nothing about this API: Dredd's complaints about OpenAPI keywords it does not support.
const NOISE = [/API description parser warning/, /^skip: /, /padLevels/, /--trace-warnings/];

/** Runs Dredd as a child process and reads its verdicts from the CLI reporter's output. */
export async function runDredd(options: DreddOptions): Promise<DreddRun> {
  const args = [
    options.specPath,
    options.endpoint,
    `--hookfiles=${options.hookfile}`,
    "--language=nodejs",
    "--no-color",
  ];
  const child = spawn(options.dreddBin, args, {
    cwd: options.cwd,
    env: {
      ...process.env,
      [CONTEXT_ENV]: JSON.stringify(options.context),
      // The hooks grade against the same spec file Dredd reads.
      CONTRACT_SPEC_PATH: options.specPath,
      NODE_NO_WARNINGS: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });

  const verdicts: DreddRun["verdicts"] = [];
  const problems: string[] = [];
  let totals: DreddTotals | undefined;
  // After the run the CLI reporter repeats every failure; those lines are not new verdicts.
  let repeating = false;
  const onLine = (line: string) => {
    if (line.includes("Displaying failed tests")) repeating = true;
    const verdict = repeating ? undefined : parseVerdict(line);
    if (verdict && verdict.outcome !== "skip") {
      verdicts.push({
        ...verdict,
        operationId: operationForVerdict(options.operations, verdict)?.operationId,
      });
    }
    totals = parseTotals(line) ?? totals;
    // Dredd only warns when a hookfile fails to load, then runs without it.
    if (line.includes("Skipping hook loading")) problems.push(`the hooks did not load: ${line}`);
    if (!NOISE.some((pattern) => pattern.test(line))) options.log(line);
  };
  createInterface({ input: child.stdout }).on("line", onLine);
  createInterface({ input: child.stderr }).on("line", onLine);

  const timeoutMs = options.timeoutMs ?? 300_000;
  const timer = setTimeout(() => {
    problems.push(`Dredd did not finish within ${timeoutMs / 1000} s`);
    child.kill("SIGTERM");
  }, timeoutMs);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code));
  }).finally(() => clearTimeout(timer));

  if (!totals) problems.push("Dredd printed no summary line");
  // Every documented 2xx response is one transaction per request media type (Dredd sends each)
  // that must pass: fewer means some were skipped.
  const expected = options.operations.reduce(
    (sum, op) =>
      sum +
      Object.keys(op.responses).filter((status) => /^2\d\d$/.test(status)).length *
        Math.max(1, Object.keys(op.requestBody?.content ?? {}).length),
    0,
  );
  if (totals && totals.passing + totals.failing + totals.errors !== expected) {
    problems.push(
      `expected ${expected} 2xx transactions to run, Dredd ran ${totals.passing + totals.failing + totals.errors}`,
    );
  }
  for (const verdict of verdicts) {
    if (!verdict.operationId)
      problems.push(`no operation in the spec matches ${verdict.method} ${verdict.uri}`);
  }
  const ok =
    exitCode === 0 && problems.length === 0 && totals !== undefined && totals.failing + totals.errors === 0;
  return { ok, exitCode, totals, verdicts, problems };
}
