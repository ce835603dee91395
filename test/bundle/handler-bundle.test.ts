import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundleForLambda } from "../support/lambda-bundle.js";

const repoRoot = resolve(import.meta.dirname, "../..");
const outDir = mkdtempSync(join(tmpdir(), "cellar-bundle-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** What Lambda runs: one esbuild bundle per handler, database drivers loaded lazily and left out. */
async function bundle(handler: string, { minify = true } = {}): Promise<string> {
  const outfile = join(outDir, `${handler}${minify ? "" : ".plain"}.mjs`);
  return bundleForLambda(join(repoRoot, "src/handlers", `${handler}.handler.ts`), outfile, { minify });
}

function invoke(
  bundlePath: string,
  event: unknown,
): { statusCode: number; body: string; headers?: Record<string, string> } {
  const script = join(outDir, "invoke.mjs");
  writeFileSync(
    script,
    `const { handler } = await import(process.argv[2]);
const result = await handler(JSON.parse(process.argv[3]), { getRemainingTimeInMillis: () => 3000, awsRequestId: "b" });
process.stdout.write(JSON.stringify(result));`,
  );
  const output = execFileSync(process.execPath, [script, bundlePath, JSON.stringify(event)], {
    env: { ...process.env, DATABASE_URL: "postgres://nobody@127.0.0.1:1/none", NODE_ENV: "production" },
  });
  return JSON.parse(output.toString());
}

describe("a handler bundled for Lambda", () => {
  it("runs the precompiled validators and wrapper from the bundle, with no runtime ajv compiler", async () => {
    const bundlePath = await bundle("list-wineries-v1");
    const bad = invoke(bundlePath, {
      httpMethod: "GET",
      path: "/v1/wineries",
      headers: {},
      queryStringParameters: { lat: "north", lng: "0" },
      multiValueQueryStringParameters: { lat: ["north"], lng: ["0"] },
      requestContext: {},
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).errors).toContainEqual({ path: "/query/lat", message: "must be number" });
    expect(invoke(bundlePath, { instruction: "warmer" })).toEqual({ statusCode: 200, body: "warm" });
  });

  it("stays small: no ajv compiler, no PGlite", async () => {
    const bundlePath = await bundle("get-winery-v1");
    const size = statSync(bundlePath).size;
    const code = readFileSync(bundlePath, "utf8");
    expect(code).not.toContain("ajv/dist/compile");
    expect(code).not.toMatch(/pglite\.wasm/);
    expect(size).toBeLessThan(400 * 1024);
  });

  // A module imported with import() or require() is wrapped by esbuild in a lazy initialiser, and so
  // is everything it imports: one dynamic import of our PGlite dialect wrapped all of kysely, ~10 ms
  // more of every cold start. CommonJS validators were wrapped the same way.
  // Handler files only: the registry (index.ts) is no Lambda entry point.
  it.each(
    readdirSync(join(repoRoot, "src/handlers"))
      .filter((file) => file.endsWith(".handler.ts"))
      .map((file) => file.replace(/\.handler\.ts$/, "")),
  )(
    "%s: every module is hoisted into the bundle's scope, none wrapped for lazy initialisation",
    async (handler) => {
      const code = readFileSync(await bundle(handler, { minify: false }), "utf8");
      expect(code).not.toContain("__esm(");
      expect(code).not.toContain("__commonJS(");
    },
  );
});
