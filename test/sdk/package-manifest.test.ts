import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../../codegen/spec.js";
import { SDK_MANIFEST_LINKS } from "../../sdk/scripts/repository.js";

const sdkDir = resolve(import.meta.dirname, "../../sdk");
const manifest = JSON.parse(readFileSync(join(sdkDir, "package.json"), "utf8")) as {
  name: string;
  version: string;
  type: string;
  sideEffects: boolean;
  dependencies?: Record<string, string>;
  exports: Record<string, unknown>;
  typesVersions: { "*": Record<string, string[]> };
  files: string[];
  repository: unknown;
  homepage: unknown;
  bugs: unknown;
  publishConfig: unknown;
};
const versions = readdirSync(join(sdkDir, "src/generated"))
  .filter((file) => file.endsWith(".gen.ts") && file !== "types.gen.ts")
  .map((file) => file.slice(0, -".gen.ts".length))
  .sort();

describe("@cellar/sdk package.json", () => {
  it("has the spec's info.version, and a CHANGELOG entry for it", () => {
    const spec = loadSpec(resolve(sdkDir, "../openapi.yaml"));
    expect(manifest.version).toBe(spec.info.version);
    expect(readFileSync(join(sdkDir, "CHANGELOG.md"), "utf8")).toContain(`## ${manifest.version}`);
  });

  it("exports exactly one entry point per generated API version, ESM and CJS, each with types", () => {
    expect(versions.length).toBeGreaterThan(0);
    expect(Object.keys(manifest.exports).sort()).toEqual(
      [...versions.map((v) => `./${v}`), "./package.json"].sort(),
    );
    for (const version of versions) {
      expect(manifest.exports[`./${version}`]).toEqual({
        import: { types: `./dist/types/generated/${version}.gen.d.ts`, default: `./dist/esm/${version}.js` },
        require: {
          types: `./dist/types/generated/${version}.gen.d.cts`,
          default: `./dist/cjs/${version}.cjs`,
        },
      });
      expect(manifest.typesVersions["*"][version]).toEqual([`./dist/types/generated/${version}.gen.d.ts`]);
    }
  });

  it("is tree-shakable and installs nothing else", () => {
    expect(manifest).toMatchObject({ name: "@cellar/sdk", type: "module", sideEffects: false });
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.files).toEqual(expect.arrayContaining(["dist", "README.md", "CHANGELOG.md", "LICENSE"]));
  });

  it("names its repository, folder, homepage and issues as sdk/scripts/repository.ts does (provenance checks repository.url)", () => {
    expect({ repository: manifest.repository, homepage: manifest.homepage, bugs: manifest.bugs }).toEqual(
      SDK_MANIFEST_LINKS,
    );
  });

  it("publishes publicly: a scoped package is private on npm unless it says so", () => {
    expect(manifest.publishConfig).toEqual({ access: "public" });
  });
});
