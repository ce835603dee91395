import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { emitDocsSite } from "../../codegen/docs/docs-site.js";
import { renderWithRedocly } from "../../codegen/docs/render-reference.js";
import { collectOperations } from "../../codegen/operations.js";
import { loadSpec } from "../../codegen/spec.js";
import { readApiHistory } from "../../codegen/versioning/api-history.js";

const repoRoot = resolve(import.meta.dirname, "../..");

/** The real renderer, twice: `codegen:check` compares its output byte for byte. */
describe("the docs, rendered by redocly build-docs", () => {
  it("are byte-identical from one run to the next and match the committed files", async () => {
    const doc = loadSpec(resolve(repoRoot, "openapi.yaml"));
    const render = () =>
      emitDocsSite(doc, collectOperations(doc), {
        specName: "openapi.yaml",
        history: readApiHistory(resolve(repoRoot, "api-history")),
        renderReference: renderWithRedocly,
        sdk: true,
      });
    const [first, second] = [await render(), await render()];
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [file, content] of first) {
      expect(second.get(file) === content, `${file} differs between runs`).toBe(true);
      expect(
        readFileSync(resolve(repoRoot, file), "utf8") === content,
        `${file} differs from the committed one`,
      ).toBe(true);
    }
  });
});
