import { type ChildProcess, execFile, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RUNTIME_PACKAGE } from "../../codegen/layout.js";
import { runningInGroup } from "../support/process-table.js";
import { makeTestTempDir } from "../support/test-temp-dirs.js";

/**
 * Issue 18 §2, done when this passes: the toolkit packed as npm would publish it (`npm pack` runs
 * each package's prepack build), installed into a fresh project outside the repo, drives a spec
 * that is not ours from codegen to a running local stage. It takes about a minute, so it runs in
 * `npm run test:toolkit` (part of `npm test`), not in the default vitest run (vitest.config.ts).
 */

const run = promisify(execFile);
const repoRoot = resolve(import.meta.dirname, "../..");
const SPEC = "bookshelf.yaml";
const PACKAGES = ["src/runtime", "codegen"];
const rootManifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
  devDependencies: Record<string, string>;
};

const STRICT_TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
    types: ["node"],
  },
  include: ["src"],
};

let project: string;

async function inProject(command: string, args: string[]) {
  return run(command, args, { cwd: project, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 });
}

beforeAll(async () => {
  const dir = makeTestTempDir("cellar-toolkit-");
  const packs = join(dir, "packs");
  mkdirSync(packs);
  for (const folder of PACKAGES) {
    await run("npm", ["pack", "--silent", "--pack-destination", packs], {
      cwd: join(repoRoot, folder),
      timeout: 180_000,
    });
  }
  project = join(dir, "bookshelf");
  mkdirSync(project);
  writeFileSync(
    join(project, "package.json"),
    `${JSON.stringify({ name: "bookshelf", version: "1.0.0", private: true, type: "module" }, null, 2)}\n`,
  );
  writeFileSync(join(project, "tsconfig.json"), `${JSON.stringify(STRICT_TSCONFIG, null, 2)}\n`);
  copyFileSync(join(import.meta.dirname, "fixtures", SPEC), join(project, SPEC));
  const tarballs = readdirSync(packs).map((file) => join(packs, file));
  expect(tarballs).toHaveLength(PACKAGES.length);
  // A Lambda project's own dev dependency: the runtime's types are Node's (aws-lambda's too).
  const typesNode = `@types/node@${rootManifest.devDependencies["@types/node"]}`;
  await inProject("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", ...tarballs, typesNode]);
}, 300_000);

describe("the packed toolkit, installed in a fresh project outside the repo", () => {
  it("installs the runtime with its run-time dependencies only, none of the repo's dev tools", () => {
    const runtime = JSON.parse(
      readFileSync(join(project, "node_modules", RUNTIME_PACKAGE, "package.json"), "utf8"),
    ) as { dependencies?: Record<string, string>; devDependencies?: unknown };
    expect(Object.keys(runtime.dependencies ?? {}).sort()).toEqual(["@middy/core", "@types/aws-lambda"]);
    expect(readdirSync(join(project, "node_modules", RUNTIME_PACKAGE, "dist"))).toContain("index.d.ts");
    for (const devTool of ["vitest", "kysely", "pg", "@electric-sql/pglite", "aws-cdk-lib", "dredd"]) {
      expect(existsSync(join(project, "node_modules", devTool)), devTool).toBe(false);
    }
  });

  it("`npx cellar codegen` generates from a spec that is not ours, and strict tsc accepts the output", async () => {
    const { stderr } = await inProject("npx", ["cellar", "codegen", "--spec", SPEC]);
    expect(stderr).toContain("scaffolded handler src/handlers/get-book.handler.ts");
    const stub = readFileSync(join(project, "src/handlers/get-book.handler.ts"), "utf8");
    expect(stub).toContain(`from "${RUNTIME_PACKAGE}"`);
    expect(existsSync(join(project, "gateway/v1.gen.json"))).toBe(true);
    expect(existsSync(join(project, "docs/index.gen.html"))).toBe(true);
    // No SDK runtime in this project to build a client on: the SDK is left out, and said so.
    expect(stderr).toContain("no SDK runtime");
    expect(existsSync(join(project, "sdk"))).toBe(false);
    // Rejects with tsc's diagnostics in the error when the output does not typecheck.
    await inProject("npx", ["tsc", "-p", "."]);
  }, 180_000);

  it("`npx cellar gateway` runs the gateway CLI from the package", async () => {
    const { stdout } = await inProject("npx", ["cellar", "gateway", "render", "--help"]);
    expect(stdout).toMatch(/^Usage: cellar-gateway render /);
  }, 60_000);

  describe("`npx cellar start`", () => {
    let stage: ChildProcess | undefined;
    let origin = "";
    let output = "";
    let closed: Promise<unknown> = Promise.resolve();

    beforeAll(async () => {
      stage = spawn("npx", ["cellar", "start", "--port", "0"], {
        cwd: project,
        stdio: ["ignore", "pipe", "pipe"],
        detached: true, // its own process group, so that afterAll stops npx and the node it started
      });
      // After its output is read to the end.
      closed = new Promise((resolveClosed) => stage?.once("close", resolveClosed));
      const port = await new Promise<number>((resolvePort, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const listening = /listening on http:\/\/localhost:(\d+)/.exec(output);
          if (listening) resolvePort(Number(listening[1]));
        };
        stage?.stdout?.on("data", onData);
        stage?.stderr?.on("data", onData);
        stage?.once("exit", (code) => reject(new Error(`cellar start exited (${code}):\n${output}`)));
      });
      origin = `http://127.0.0.1:${port}`;
    }, 120_000);

    afterAll(() => {
      // Whatever a failed assertion left running.
      if (stage?.pid) for (const pid of runningInGroup(stage.pid)) process.kill(pid, "SIGKILL");
    });

    it("answers a scaffolded operation with 501 problem+json", async () => {
      const response = await fetch(`${origin}/v1/books`);
      expect(response.status).toBe(501);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(await response.json()).toMatchObject({
        status: 501,
        detail: "listBooks has no implementation yet.",
      });
    });

    it("answers a request the spec forbids with 400 naming its JSON pointer, before the handler", async () => {
      const badQuery = await fetch(`${origin}/v1/books?limit=500`);
      expect(badQuery.status).toBe(400);
      expect((await badQuery.json()).errors).toEqual([{ path: "/query/limit", message: "must be <= 50" }]);
      const badBody = await fetch(`${origin}/v1/books`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title: "Dune" }),
      });
      expect(badBody.status).toBe(400);
      expect((await badBody.json()).errors).toEqual([{ path: "/body/pages", message: "is required" }]);
    });

    it("stops on SIGTERM, with every process it started", async () => {
      const group = stage?.pid as number;
      process.kill(-group, "SIGTERM");
      await closed;
      await expect.poll(() => runningInGroup(group)).toEqual([]);
      expect(output).toContain("SIGTERM received, shutting down");
    });
  });
});
