import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { manifestLinks } from "../../sdk/scripts/repository.js";

const repoRoot = resolve(import.meta.dirname, "../..");

interface Manifest {
  name: string;
  private?: boolean;
  workspaces?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const manifest = (folder: string): Manifest =>
  JSON.parse(readFileSync(join(repoRoot, folder, "package.json"), "utf8")) as Manifest;
const root = manifest(".");
const TOOLKIT = { "@cellar/runtime": "src/runtime", "@cellar/cli": "codegen" } as const;

/** `@scope/name/deep` → `@scope/name`; a type-only `aws-lambda` is `@types/aws-lambda`. */
function dependencyOf(specifier: string): string {
  const parts = specifier.split("/");
  const name = (specifier.startsWith("@") ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
  return name === "aws-lambda" ? "@types/aws-lambda" : name;
}

describe("the toolkit's packages", () => {
  it("are workspaces of the root package, in the folders the product already had", () => {
    for (const [name, folder] of Object.entries(TOOLKIT)) {
      expect(root.workspaces).toContain(folder);
      expect(manifest(folder)).toMatchObject({ name });
      expect(manifest(folder).private).toBeUndefined();
    }
  });

  it("name their source for npm and for provenance, as the SDK does (sdk/scripts/repository.ts)", () => {
    for (const folder of Object.values(TOOLKIT)) {
      const { repository, homepage, bugs, publishConfig } = manifest(folder) as Manifest &
        Record<string, unknown>;
      expect({ repository, homepage, bugs }, folder).toEqual(manifestLinks(folder));
      expect(publishConfig, folder).toEqual({ access: "public" });
    }
  });

  it("pin each dependency exactly, to the version the repo itself installs and tests", () => {
    const repoVersions = { ...root.devDependencies, ...root.dependencies };
    for (const folder of Object.values(TOOLKIT)) {
      for (const [name, version] of Object.entries(manifest(folder).dependencies ?? {})) {
        expect(version, `${folder}: ${name}`).toMatch(/^\d+\.\d+\.\d+$/);
        expect(version, `${folder}: ${name}`).toBe(repoVersions[name]);
      }
    }
  });

  it("@cellar/runtime imports only its own files, Node's and its dependencies: nothing of the app", () => {
    const dir = join(repoRoot, "src/runtime");
    const dependencies = Object.keys(manifest("src/runtime").dependencies ?? {});
    const strays: string[] = [];
    for (const file of readdirSync(dir).filter((name) => name.endsWith(".ts"))) {
      const source = readFileSync(join(dir, file), "utf8");
      for (const { fileName: specifier } of ts.preProcessFile(source, true, true).importedFiles) {
        const own = specifier.startsWith("./");
        const allowed =
          own || specifier.startsWith("node:") || dependencies.includes(dependencyOf(specifier));
        if (!allowed) strays.push(`${file} -> ${specifier}`);
      }
    }
    expect(strays).toEqual([]);
    expect(dependencies.sort()).toEqual(["@middy/core", "@types/aws-lambda"]);
  });
});

/** Every `.ts` file under `dir`, recursively. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe("the reference app", () => {
  // Its own code, as an outside project's would be; src/local is the toolkit's local stage (@cellar/cli).
  const APP_FOLDERS = ["app", "cli", "db", "handlers", "queue", "seed", "settings", "topology", "workers"];

  it("imports the runtime by its package name, never by a path into src/runtime", () => {
    const byPath: string[] = [];
    for (const folder of APP_FOLDERS) {
      for (const file of sourceFiles(join(repoRoot, "src", folder))) {
        const source = readFileSync(file, "utf8");
        for (const { fileName: specifier } of ts.preProcessFile(source, true, true).importedFiles) {
          if (/(^|\/)runtime\//.test(specifier) && specifier.startsWith(".")) {
            byPath.push(`${relative(repoRoot, file)} -> ${specifier}`);
          }
        }
      }
    }
    expect(byPath).toEqual([]);
  });
});
