import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { placeholderReference } from "../../codegen/docs/render-reference.js";
import { generate } from "../../codegen/generate.js";
import { toIdentifier } from "../../codegen/naming.js";
import { collectOperations } from "../../codegen/operations.js";
import { loadSpec, type OpenApiDocument, SpecError } from "../../codegen/spec.js";
import { writeOutput } from "../../codegen/write-output.js";

const repoRoot = resolve(import.meta.dirname, "../..");
const fixture = resolve(import.meta.dirname, "../../codegen/fixtures/slash-operation-ids.yaml");

describe("toIdentifier", () => {
  it("keeps operationIds that already are identifiers", () => {
    expect(toIdentifier("listWineriesV1")).toBe("listWineriesV1");
    expect(toIdentifier("get_thing")).toBe("get_thing");
  });

  it("camel-cases the rest on their separators", () => {
    expect(toIdentifier("issues/list-for-repo")).toBe("issuesListForRepo");
    expect(toIdentifier("meta/root")).toBe("metaRoot");
    expect(toIdentifier("repos.get content")).toBe("reposGetContent");
  });

  it("never starts with a digit", () => {
    expect(toIdentifier("2fa/enable")).toBe("op2faEnable");
  });
});

describe("generate on a spec with GitHub-style operationIds (issues/list-for-repo)", () => {
  const outDir = mkdtempSync(join(repoRoot, "tmp-codegen-"));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it("names exports, files and Lambda functions after identifiers, and compiles with tsc", async () => {
    const output = await generate(loadSpec(fixture), {
      specName: "slash-operation-ids.yaml",
      outDir,
      renderReference: placeholderReference,
    });
    const operations = [...output.files.keys()].filter((file) =>
      file.startsWith("src/generated/operations/"),
    );
    expect(operations.sort()).toEqual([
      "src/generated/operations/issuesCreate.gen.ts",
      "src/generated/operations/issuesListForRepo.gen.ts",
      "src/generated/operations/metaRoot.gen.ts",
      "src/generated/operations/op2faEnable.gen.ts",
    ]);
    expect([...output.scaffolds.keys()]).toContain("src/handlers/issues-list-for-repo.handler.ts");
    const gateway = output.files.get("gateway/default.gen.json")!;
    expect(gateway).toContain(":function:cellar-issuesListForRepo:");
    expect(gateway).not.toMatch(/function:cellar-[^:]*\//);

    writeOutput(outDir, output);
    writeFileSync(
      join(outDir, "tsconfig.json"),
      JSON.stringify({ extends: "../tsconfig.json", include: ["src"], compilerOptions: { types: ["node"] } }),
    );
    execFileSync(join(repoRoot, "node_modules/.bin/tsc"), ["--noEmit", "-p", outDir], { stdio: "pipe" });
  });

  it("still refuses two operationIds that become the same identifier, naming both operations", () => {
    const doc = loadSpec(fixture) as OpenApiDocument;
    const paths = doc.paths as Record<string, Record<string, { operationId?: string }>>;
    paths["/user/2fa"]!.post!.operationId = "issues/list.for.repo";
    expect(() => collectOperations(doc)).toThrow(SpecError);
    expect(() => collectOperations(doc)).toThrow(
      /issuesListForRepo.*GET \/repos.*POST \/user\/2fa|issuesListForRepo.*POST \/user\/2fa.*GET \/repos/,
    );
  });
});
