import { posix, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { placeholderReference } from "../../codegen/docs/render-reference.js";
import { generate } from "../../codegen/generate.js";
import { RUNTIME_PACKAGE } from "../../codegen/layout.js";
import { loadSpec } from "../../codegen/spec.js";

const repoRoot = resolve(import.meta.dirname, "../..");

/**
 * The rule: generated code imports only generated code, the runtime library it is generated
 * against, and packages; never the app's hand-written code (handlers, db, app). The server runtime
 * is the `@cellar/runtime` package, imported by name (so output works in any project that installs
 * it); the SDK's runtime is a folder of the SDK it is generated into.
 */
const RUNTIME_LIBRARIES = ["sdk/src/runtime/"];

/** Relative imports of every generated source file that lead anywhere else, as `file -> target`. */
function forbiddenImports(files: Map<string, string>): string[] {
  const found: string[] = [];
  for (const [file, content] of files) {
    if (!/\.(ts|js)$/.test(file)) continue;
    for (const { fileName: specifier } of ts.preProcessFile(content, true, true).importedFiles) {
      if (!specifier.startsWith(".")) continue; // a package (ajv's runtime, @middy/core)
      const target = posix.join(posix.dirname(file), specifier);
      const generated = /\.gen\.js$/.test(target) && isGeneratedModule(files, target);
      const library = RUNTIME_LIBRARIES.some((root) => target.startsWith(root));
      if (!generated && !library) found.push(`${file} -> ${target}`);
    }
  }
  return found;
}

/** `x.gen.js` names a generated `x.gen.ts`, `x.gen.js` or (typed by) `x.gen.d.ts`. */
function isGeneratedModule(files: Map<string, string>, target: string): boolean {
  const stem = target.replace(/\.js$/, "");
  return [".js", ".ts", ".d.ts"].some((extension) => files.has(`${stem}${extension}`));
}

const specs = [
  ["openapi.yaml", resolve(repoRoot, "openapi.yaml")],
  ["the shapes fixture", resolve(repoRoot, "codegen/fixtures/shapes.yaml")],
  ["the components fixture", resolve(repoRoot, "codegen/fixtures/components.yaml")],
] as const;

describe("generated code never imports hand-written code", () => {
  it.each(specs)("holds for everything generated from %s", async (specName, path) => {
    const output = await generate(loadSpec(path), {
      specName,
      outDir: repoRoot,
      renderReference: placeholderReference,
      historyDir: resolve(repoRoot, "api-history"),
    });
    const sources = [...output.files.keys()].filter((file) => /\.(ts|js)$/.test(file));
    expect(sources.length).toBeGreaterThan(10);
    expect(forbiddenImports(output.files)).toEqual([]);
  });

  it("imports the runtime by its package name from every wrapper, validator declaration and the Handlers type", async () => {
    const output = await generate(loadSpec(resolve(repoRoot, "codegen/fixtures/shapes.yaml")), {
      specName: "shapes.yaml",
      outDir: repoRoot,
    });
    const runtimeUsers = [...output.files].filter(([file]) =>
      /^src\/generated\/(operations\/|validators\/[^/]+\.d\.ts$|handlers\.gen\.ts$)/.test(file),
    );
    expect(runtimeUsers.length).toBeGreaterThan(2);
    for (const [file, content] of runtimeUsers) {
      const specifiers = ts.preProcessFile(content, true, true).importedFiles.map((i) => i.fileName);
      expect(specifiers, file).toContain(RUNTIME_PACKAGE);
    }
  });

  it("catches a generated file that imports a hand-written one", () => {
    const files = new Map([
      ["src/generated/handlers.gen.ts", 'import { handler } from "../handlers/ping-v1.handler.js";\n'],
      ["src/generated/routes.gen.ts", 'export { routes } from "./missing.gen.js";\n'],
      ["src/generated/types.gen.ts", 'import type { Caller } from "../runtime/caller.js";\n'],
    ]);
    expect(forbiddenImports(files)).toEqual([
      "src/generated/handlers.gen.ts -> src/handlers/ping-v1.handler.js",
      "src/generated/routes.gen.ts -> src/generated/missing.gen.js",
      "src/generated/types.gen.ts -> src/runtime/caller.js",
    ]);
  });
});
