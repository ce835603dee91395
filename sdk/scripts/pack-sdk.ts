import { execFile, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const repoRoot = resolve(import.meta.dirname, "../..");
const sdkDir = join(repoRoot, "sdk");
/** Shared by the test files of a run (see packSdk); the run's temp folder goes with the run. */
export const SDK_PACK_CACHE = "cellar-sdk-pack";
const cacheRoot = join(tmpdir(), SDK_PACK_CACHE);
const LOCK_STALE_MS = 180_000;

export interface PackedSdk {
  tarball: string;
  /** Paths inside the tarball, without the `package/` prefix. */
  files: string[];
}

/**
 * `npm pack` in sdk/, as a release would run it (prepack builds dist/). Test files that need the
 * tarball run in parallel workers and would race on sdk/dist, so packing holds a lock, and the
 * tarball is cached under a hash of everything that goes into it: the second caller reuses it.
 */
export async function packSdk(): Promise<PackedSdk> {
  const cacheDir = join(cacheRoot, inputsHash());
  const cached = findTarball(cacheDir);
  if (cached) return cached;
  return withLock(async () => {
    const raced = findTarball(cacheDir);
    if (raced) return raced;
    const staging = join(cacheRoot, `staging-${process.pid}-${Date.now()}`);
    mkdirSync(staging, { recursive: true });
    await run("npm", ["pack", "--pack-destination", staging, "--silent"], { cwd: sdkDir, timeout: 120_000 });
    rmSync(cacheDir, { recursive: true, force: true });
    renameSync(staging, cacheDir);
    return findTarball(cacheDir)!;
  });
}

function findTarball(dir: string): PackedSdk | undefined {
  if (!existsSync(dir)) return undefined;
  const name = readdirSync(dir).find((file) => file.endsWith(".tgz"));
  if (!name) return undefined;
  const tarball = join(dir, name);
  return { tarball, files: listTarball(tarball) };
}

function listTarball(tarball: string): string[] {
  const { stdout } = spawnSync("tar", ["-tzf", tarball], { encoding: "utf8" });
  return (stdout as string)
    .split("\n")
    .filter(Boolean)
    .map((line) => line.replace(/^package\//, ""))
    .sort();
}

function inputsHash(): string {
  const hash = createHash("sha256");
  const add = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) add(join(path, entry));
    } else if (!path.endsWith(".test.ts")) {
      hash.update(relative(repoRoot, path)).update(readFileSync(path));
    }
  };
  for (const entry of [
    "package.json",
    "README.md",
    "CHANGELOG.md",
    "LICENSE",
    "tsconfig.build.json",
    "scripts",
    "src",
  ]) {
    add(join(sdkDir, entry));
  }
  for (const tool of ["esbuild", "typescript", "openapi-fetch"]) {
    add(join(repoRoot, "node_modules", tool, "package.json"));
  }
  return hash.digest("hex").slice(0, 16);
}

async function withLock<T>(work: () => Promise<T>): Promise<T> {
  const lock = join(cacheRoot, "lock");
  mkdirSync(cacheRoot, { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A lock left by a killed run must not block the next one forever.
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
