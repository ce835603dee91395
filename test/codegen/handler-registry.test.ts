import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeholderReference } from "../../codegen/docs/render-reference.js";
import { generate } from "../../codegen/generate.js";
import { loadSpec } from "../../codegen/spec.js";
import { writeOutput } from "../../codegen/write-output.js";
import { typeErrors } from "../support/type-errors.js";

const repoRoot = resolve(import.meta.dirname, "../..");

describe("the hand-written handler registry, checked against the generated Handlers type", () => {
  // Inside the repo so the generated code resolves ajv and @middy from node_modules.
  const outDir = mkdtempSync(join(repoRoot, "tmp-registry-"));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));
  let errors = "";

  beforeAll(async () => {
    const spec = resolve(repoRoot, "codegen/fixtures/shapes.yaml");
    const output = await generate(loadSpec(spec), {
      specName: "shapes.yaml",
      outDir,
      renderReference: placeholderReference,
    });
    writeOutput(outDir, output);
    writeFileSync(
      join(outDir, "tsconfig.json"),
      JSON.stringify({ extends: "../tsconfig.json", include: ["src"], compilerOptions: { types: ["node"] } }),
    );
    // The scaffolded registry with plantTree left out, as after adding an operation to the spec.
    const index = join(outDir, "src/handlers/index.ts");
    const scaffolded = readFileSync(index, "utf8");
    expect(scaffolded).toContain("  plantTree,\n");
    writeFileSync(index, scaffolded.replace("  plantTree,\n", ""));
    // A registry wiring one operation's handler to another operation.
    writeFileSync(
      join(outDir, "src/handlers/miswired.ts"),
      `import type { Handlers } from "../generated/handlers.gen.js";
import { handler } from "./get-thing.handler.js";

export const miswired: Pick<Handlers, "plantTree"> = { plantTree: handler };
`,
    );
    errors = typeErrors(outDir);
  }, 120_000);

  it("makes a missing handler a tsc error naming the operation", () => {
    expect(errors).toMatch(
      /src\/handlers\/index\.ts\(\d+,\d+\): error TS2741: Property 'plantTree' is missing/,
    );
  });

  it("makes a handler wired to another operation a tsc error", () => {
    expect(errors).toMatch(
      /src\/handlers\/miswired\.ts\(\d+,\d+\): error TS2322: .*"getThing".*"plantTree"/s,
    );
  });

  it("reports nothing else: the generated code itself compiles", () => {
    const lines = errors.split("\n").filter((line) => /error TS/.test(line));
    expect(lines).toHaveLength(2);
  });
});
