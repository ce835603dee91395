import { describe, expect, it } from "vitest";
import { formatFuzzSummary } from "../../../contract-tests/fuzz/fuzz-summary.js";
import { runFuzz } from "../../../contract-tests/fuzz/run-fuzz.js";
import { LOCAL_API_KEYS } from "../../../src/settings/api-keys.js";
import { type StageBackend, useStage } from "./stage-backends.js";

/**
 * The spec-driven fuzzer (contract-tests/fuzz) on a small, fixed budget against the real local stage.
 * A fixed seed keeps `npm test` deterministic; `npm run fuzz` runs longer, with a random seed, on
 * demand. One file per database, so the two can run side by side.
 */
const SEED = 20_261_123;
const RUNS = 6;

export function describeFuzzOn(backend: StageBackend): void {
  describe(`the fuzzer against the local stage on ${backend.name}`, () => {
    const stage = useStage(backend);

    it(`finds nothing wrong in ${RUNS} valid and ${RUNS} invalid requests per operation, plus model sequences`, async () => {
      const run = await runFuzz(
        {
          endpoint: stage().origin,
          seed: SEED,
          runs: RUNS,
          modelRuns: 2,
          maxCommands: 12,
          tokens: {},
          apiKey: LOCAL_API_KEYS.app.value,
        },
        () => {},
      );
      const summary = formatFuzzSummary(run, stage().origin).join("\n");
      console.log(`${backend.name}\n${summary}`);
      expect(run.ok, summary).toBe(true);
      expect(new Set(run.results.map((result) => result.subject)).size).toBe(run.operations.length + 1);
    }, 120_000);
  });
}
