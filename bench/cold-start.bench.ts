import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Bundle, BundleName } from "./bundles.js";
import type { Figure } from "./figure.js";
import { SMALL_WINERY } from "./handlers/winery-fixture.js";
import { createWineryEvent } from "./lambda-events.js";
import { median } from "./stats.js";

const run = promisify(execFile);
const PROBE = join(import.meta.dirname, "cold-start-probe.mjs");
export const SAMPLES = 30;
export const TARGET_RATIO = 1.3;

export interface Probe {
  importMs: number;
  importCpuMs: number;
  totalMs: number;
  totalCpuMs: number;
  statusCode?: number;
}

/** One fresh `node` importing the bundle and answering `event` (if any), in production settings. */
export async function probe(bundle: Bundle, event: unknown, env: NodeJS.ProcessEnv = {}): Promise<Probe> {
  const args = [PROBE, bundle.file, ...(event === undefined ? [] : [JSON.stringify(event)])];
  const { stdout } = await run(process.execPath, args, {
    env: { PATH: process.env.PATH, NODE_ENV: "production", CELLAR_RESPONSE_VALIDATION: "log", ...env },
  });
  return JSON.parse(stdout) as Probe;
}

/**
 * Cold start as Lambda pays it once the runtime is up: import the bundled module in a fresh Node
 * process and answer the first event. The variants take turns, so drifting load hits them alike.
 */
export async function measureColdStart(bundles: Record<BundleName, Bundle>): Promise<Figure[]> {
  const event = createWineryEvent(SMALL_WINERY);
  const answering: BundleName[] = ["wrapper", "bareMiddy", "middyValidator"];
  const probes = new Map<string, Probe[]>();
  const record = (key: string, result: Probe) => probes.set(key, [...(probes.get(key) ?? []), result]);
  for (let sample = 0; sample < SAMPLES; sample += 1) {
    for (const name of answering) {
      const result = await probe(bundles[name], event);
      if (result.statusCode !== 201) throw new Error(`${name} answered ${result.statusCode}, not 201`);
      record(name, result);
    }
    record("typical", await probe(bundles.typical, undefined));
  }
  const of = (key: string, field: keyof Omit<Probe, "statusCode">) =>
    median(probes.get(key)!.map((p) => p[field]));
  const wall = (key: string, field: "totalMs" | "importMs", baseline: number) =>
    `wall ${of(key, field).toFixed(1)} ms vs ${baseline.toFixed(1)} ms`;
  const bareTotal = of("bareMiddy", "totalCpuMs");
  const baseline = { label: "bare Middy", value: bareTotal };
  const ours = of("wrapper", "totalCpuMs");
  const group = `Cold start (import + first event, fresh process, CPU time, median of ${SAMPLES})`;
  return [
    {
      id: "coldstart.wrapper",
      group,
      label: "generated wrapper (createWineryV1)",
      value: ours,
      unit: "ms",
      baseline,
      better: "lower",
      target: { text: `≤ ${TARGET_RATIO}x bare Middy`, met: ours <= bareTotal * TARGET_RATIO },
      checkOn: "ratio",
      note: `+${(ours - bareTotal).toFixed(1)} ms; ${wall("wrapper", "totalMs", of("bareMiddy", "totalMs"))}`,
    },
    {
      id: "coldstart.middyValidator",
      group,
      label: "Middy + runtime ajv + @middy/validator",
      value: of("middyValidator", "totalCpuMs"),
      unit: "ms",
      baseline,
      better: "lower",
      note: `compiles its schemas while loading; ${wall("middyValidator", "totalMs", of("bareMiddy", "totalMs"))}`,
    },
    {
      id: "coldstart.typicalImport",
      group,
      label: "get-winery-v1 handler, import only",
      value: of("typical", "importCpuMs"),
      unit: "ms",
      baseline: { label: "bare Middy, import only", value: of("bareMiddy", "importCpuMs") },
      better: "lower",
      checkOn: "ratio",
      note: `kysely included, the baseline has none (on the same libraries: the Postgres rows); ${wall("typical", "importMs", of("bareMiddy", "importMs"))}`,
    },
  ];
}
