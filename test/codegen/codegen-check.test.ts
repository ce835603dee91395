import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { placeholderReference } from "../../codegen/docs/render-reference.js";
import { generate } from "../../codegen/generate.js";
import type { SchemaObject } from "../../codegen/spec.js";
import { loadSpec } from "../../codegen/spec.js";
import { findDrift, hasDrift } from "../../codegen/write-output.js";

const repoRoot = resolve(import.meta.dirname, "../..");
const options = { specName: "openapi.yaml", outDir: repoRoot };
// The tests that only look at which files drift need no real reference pages.
const quickOptions = { ...options, renderReference: placeholderReference };

describe("codegen:check on this repository", () => {
  it("finds the committed output in sync with openapi.yaml", async () => {
    const output = await generate(loadSpec(resolve(repoRoot, "openapi.yaml")), options);
    expect(findDrift(repoRoot, output)).toEqual({
      changed: [],
      missing: [],
      stale: [],
      missingScaffolds: [],
    });
  });

  it("fails, naming the files, when openapi.yaml is edited without regenerating", async () => {
    const spec = loadSpec(resolve(repoRoot, "openapi.yaml"));
    const winery = spec.components!.schemas!.WineryV1 as SchemaObject & {
      properties: Record<string, SchemaObject>;
    };
    winery.properties.vintage = { type: "integer", description: "A field added to the spec only." };
    const drift = findDrift(repoRoot, await generate(spec, quickOptions));
    expect(hasDrift(drift)).toBe(true);
    expect(drift.changed).toEqual(
      expect.arrayContaining([
        "src/generated/types.gen.ts",
        "src/generated/validators/components/WineryV1.gen.js",
        "gateway/v1.gen.json",
        "docs/v1/openapi.gen.json",
      ]),
    );
    expect(drift.changed).not.toContain("gateway/v2.gen.json");
    expect(drift.changed).not.toContain("docs/v2/openapi.gen.json");
    // Operations require the component's validator module; only that module changes.
    expect(drift.changed).not.toContain("src/generated/validators/getWineryV1.gen.js");
  });

  it("reports a new operation's missing handler and generated files", async () => {
    const spec = loadSpec(resolve(repoRoot, "openapi.yaml"));
    spec.paths["/v2/cellars"] = {
      get: { operationId: "listCellarsV2", summary: "New", responses: { "204": { description: "none" } } },
    };
    const drift = findDrift(repoRoot, await generate(spec, quickOptions));
    expect(drift.missing).toContain("src/generated/operations/listCellarsV2.gen.ts");
    expect(drift.missingScaffolds).toEqual(["src/handlers/list-cellars-v2.handler.ts"]);
  });
});
