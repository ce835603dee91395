import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import type { APIGatewayProxyEvent } from "aws-lambda";
import type { Bundle, BundleName } from "./bundles.js";
import type { Figure } from "./figure.js";
import { LARGE_WINERY, SMALL_WINERY } from "./handlers/winery-fixture.js";
import { createWineryEvent, listWineriesEvent } from "./lambda-events.js";
import { median } from "./stats.js";

const run = promisify(execFile);
const PROBE = join(import.meta.dirname, "per-request-probe.mjs");
const ROUNDS = 9;
/** Rounds last this long whatever the machine's speed, which bounds the whole bench. */
const ROUND_MS = 120;
/**
 * The generated wrapper's cost kept falling for about its first second of requests when measured
 * round by round; a shorter warm-up reports that climb rather than the steady state.
 */
const WARMUP_MS = 1_000;
const TARGET_ADDED_MICROS = 10;

type Variant = "ours" | "bare" | "validator";
const VARIANTS: Record<Variant, BundleName> = {
  ours: "wrapperModule",
  bare: "bareMiddyModule",
  validator: "middyValidatorModule",
};

interface Case {
  id: "small" | "large" | "page";
  label: string;
  exportName: "createWinery" | "listWineries";
  event: APIGatewayProxyEvent;
  expectedStatus: number;
}

interface Cost {
  /** CPU time (user + system) per request, in µs: what the code costs, even on a busy machine. */
  cpu: number;
  /** Wall-clock time per request, in µs: the same on an idle machine, inflated on a busy one. */
  wall: number;
}

type ProbeResult = Record<
  string,
  Partial<Record<Variant, { statusCode: number; body: string; samples: Cost[] }>>
>;

const CASES: Case[] = [
  {
    id: "small",
    label: `small body (${createWineryEvent(SMALL_WINERY).body?.length} B in)`,
    exportName: "createWinery",
    event: createWineryEvent(SMALL_WINERY),
    expectedStatus: 201,
  },
  {
    id: "large",
    label: `large body (${createWineryEvent(LARGE_WINERY).body?.length} B in, the contract's maximum)`,
    exportName: "createWinery",
    event: createWineryEvent(LARGE_WINERY),
    expectedStatus: 201,
  },
  {
    id: "page",
    label: "large response (a page of 100 wineries, 25 KB out)",
    exportName: "listWineries",
    event: listWineriesEvent(100),
    expectedStatus: 200,
  },
];

async function probe(bundles: Record<BundleName, Bundle>, casesFile: string): Promise<ProbeResult> {
  const variants = Object.entries(VARIANTS).map(([variant, name]) => `${variant}=${bundles[name].file}`);
  const { stdout } = await run(process.execPath, [PROBE, casesFile, ...variants], {
    // The response check runs in every mode but `off`; `enforce` makes a broken bench fail loudly.
    env: { PATH: process.env.PATH, CELLAR_RESPONSE_VALIDATION: "enforce" },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as ProbeResult;
}

/**
 * The steady-state cost of one request through each variant, warm, each bundled as for Lambda.
 * One process runs all variants in interleaved rounds (see per-request-probe.mjs); the median
 * round counts.
 */
export async function measurePerRequest(
  bundles: Record<BundleName, Bundle>,
  scratchDir: string,
): Promise<Figure[]> {
  const casesFile = join(scratchDir, "per-request-cases.json");
  writeFileSync(
    casesFile,
    JSON.stringify({ cases: CASES, rounds: ROUNDS, roundMs: ROUND_MS, warmupMs: WARMUP_MS }),
  );
  const result = await probe(bundles, casesFile);
  for (const testCase of CASES) {
    let reference: string | undefined;
    for (const [variant, measured] of Object.entries(result[testCase.id] ?? {})) {
      if (measured.statusCode !== testCase.expectedStatus)
        throw new Error(`${testCase.id}: ${variant} answered ${measured.statusCode}: ${measured.body}`);
      // The same business work in every variant: the bodies must be identical.
      reference ??= measured.body;
      if (measured.body !== reference)
        throw new Error(`${testCase.id}: ${variant} answered a different body`);
    }
  }
  const costOf = (testCase: Case, variant: Variant): Cost | undefined => {
    const costs = result[testCase.id]?.[variant]?.samples;
    return (
      costs && { cpu: median(costs.map((cost) => cost.cpu)), wall: median(costs.map((cost) => cost.wall)) }
    );
  };

  const group = "Per-request overhead (warm, bundled, CPU time per request, median of interleaved rounds)";
  const figures: Figure[] = [];
  for (const testCase of CASES) {
    const bare = costOf(testCase, "bare")!;
    const baseline = { label: "bare Middy", value: bare.cpu };
    const describe = (cost: Cost) =>
      `+${(cost.cpu - bare.cpu).toFixed(1)} µs per request; wall ${cost.wall.toFixed(1)} µs vs ${bare.wall.toFixed(1)} µs`;
    const ours = costOf(testCase, "ours")!;
    const added = ours.cpu - bare.cpu;
    figures.push({
      id: `perrequest.${testCase.id}`,
      group,
      label: `generated wrapper, ${testCase.label}`,
      value: ours.cpu,
      unit: "µs",
      baseline,
      better: "lower",
      checkOn: "ratio",
      note: describe(ours),
      ...(testCase.id === "small"
        ? { target: { text: `< ${TARGET_ADDED_MICROS} µs added`, met: added < TARGET_ADDED_MICROS } }
        : {}),
    });
    const validator = costOf(testCase, "validator");
    if (validator !== undefined) {
      figures.push({
        id: `perrequest.${testCase.id}.middyValidator`,
        group,
        label: `Middy + runtime ajv + @middy/validator, ${testCase.id} body`,
        value: validator.cpu,
        unit: "µs",
        baseline,
        better: "lower",
        note: describe(validator),
      });
    }
  }
  return figures;
}
