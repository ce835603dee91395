import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { placeholderReference } from "../../codegen/docs/render-reference.js";
import { generate } from "../../codegen/generate.js";
import { loadSpec, type OpenApiDocument, type SchemaObject } from "../../codegen/spec.js";

const repoRoot = resolve(import.meta.dirname, "../..");
const VALIDATORS = "src/generated/validators/";

async function validatorFiles(spec: OpenApiDocument): Promise<Map<string, string>> {
  const output = await generate(spec, {
    specName: "openapi.yaml",
    outDir: repoRoot,
    renderReference: placeholderReference,
  });
  return new Map([...output.files].filter(([file]) => file.startsWith(VALIDATORS)));
}

/** Validator files added, removed or changed from `before` to `after`, in name order. */
function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const files = new Set([...before.keys(), ...after.keys()]);
  return [...files].filter((file) => before.get(file) !== after.get(file)).sort();
}

/** A component that sorts before every other, so ajv compiles it first; formats, lengths, a pattern. */
const aardvark: SchemaObject = {
  type: "object",
  required: ["id"],
  properties: {
    id: { type: "string", format: "uuid" },
    name: { type: "string", maxLength: 40, pattern: "^[A-Z]" },
    kind: { type: "string", enum: ["earth", "pig"] },
  },
};

describe("validator modules name their functions after their schemas", () => {
  it("adding one schema changes only the validator modules that schema touches", async () => {
    const before = await validatorFiles(loadSpec(resolve(repoRoot, "openapi.yaml")));
    const spec = loadSpec(resolve(repoRoot, "openapi.yaml"));
    const schemas = spec.components!.schemas!;
    schemas.Aardvark = aardvark;
    const ping = schemas.PingV1 as SchemaObject & { properties: Record<string, SchemaObject> };
    ping.properties.aardvark = { $ref: "#/components/schemas/Aardvark" };
    const after = await validatorFiles(spec);
    expect(changedFiles(before, after)).toEqual([
      `${VALIDATORS}components/Aardvark.gen.js`,
      `${VALIDATORS}components/PingV1.gen.js`,
    ]);
    expect(after.get(`${VALIDATORS}components/PingV1.gen.js`)).toContain(
      'import validateAardvark from "./Aardvark.gen.js";',
    );
  });

  it("adding a schema nothing references changes no validator module", async () => {
    const before = await validatorFiles(loadSpec(resolve(repoRoot, "openapi.yaml")));
    const spec = loadSpec(resolve(repoRoot, "openapi.yaml"));
    spec.components!.schemas!.Aardvark = aardvark;
    expect(changedFiles(before, await validatorFiles(spec))).toEqual([]);
  });

  it("leaves no name from ajv's spec-wide counter in any module", async () => {
    const files = await validatorFiles(loadSpec(resolve(repoRoot, "openapi.yaml")));
    const getWinery = files.get(`${VALIDATORS}getWineryV1.gen.js`)!;
    expect(getWinery).toMatch(/^function validateRequest\(/m);
    expect(getWinery).toContain("response200: validateWineryV1,");
    for (const [file, code] of files) {
      // Constants are numbered per module (schema0, pattern0); functions never.
      expect(code.match(/\bvalidate\d+\b|\b(formats|func)\d+\b/g), file).toBeNull();
    }
  });
});
