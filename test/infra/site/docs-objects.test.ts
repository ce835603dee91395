import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { layout } from "../../../codegen/layout.js";
import { docsObjects } from "../../../infra/site/docs-objects.js";

const repoRoot = resolve(import.meta.dirname, "../../..");

describe("the docs the Site stack deploys", () => {
  const objects = docsObjects(repoRoot);
  const keys = objects.map((object) => object.key);

  it("are the whole docs/ folder under the names the pages link to", () => {
    for (const version of ["v1", "v2"])
      expect(keys).toEqual(
        expect.arrayContaining([
          `docs/${version}/index.html`,
          `docs/${version}/sdk.html`,
          `docs/${version}/openapi.json`,
        ]),
      );
    expect(keys).toEqual(expect.arrayContaining(["docs/index.html", "docs/changelog.html"]));
    expect(keys.filter((key) => key.includes(".gen."))).toEqual([]);
  });

  it("carry the generated files' content", () => {
    const spec = objects.find((object) => object.key === "docs/v2/openapi.json")!;
    expect(JSON.parse(spec.body).paths["/v2/wineries"]).toBeDefined();
    expect(objects.find((object) => object.key === "docs/index.html")!.body).toContain("Cellar API docs");
    expect(layout.versionSpec("v2")).toBe("docs/v2/openapi.gen.json");
  });
});
