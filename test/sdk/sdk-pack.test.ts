import { execFile } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PackedSdk, packSdk } from "../../sdk/scripts/pack-sdk.js";
import type { RunningStage } from "../api/running-stage.js";
import { makeTestTempDir } from "../support/test-temp-dirs.js";
import { startSdkStage } from "./support/sdk-stage.js";

const run = promisify(execFile);
const repoRoot = resolve(import.meta.dirname, "../..");

/** ESM consumer: both entry points, a write, a read, a typed error, one shared ApiError class. */
const ESM_SCRIPT = `
import { ApiError, createClient, SPEC_VERSION } from "@cellar/sdk/v2";
import * as v1 from "@cellar/sdk/v1";
const client = createClient({ baseUrl: process.env.STAGE, apiKey: process.env.API_KEY, getToken: () => process.env.TOKEN });
const created = await client.createWinery({ body: { name: "Packed Cellars", location: { lat: -5.5, lng: 77.25 }, region: "Tarball" } });
const page = await client.listWineries({ near: "-5.5,77.25", radius: 1000 });
const v1Ping = await v1.createClient({ baseUrl: process.env.STAGE }).ping();
let notFound;
try { await client.getWinery({ wineryId: "00000000-0000-4000-8000-000000000000" }); } catch (error) { notFound = error instanceof ApiError && error.status; }
console.log(JSON.stringify({ created: created.id, listed: page.items.map((w) => w.id), v1: v1Ping.version, notFound, SPEC_VERSION, sharedErrors: v1.ApiError === ApiError }));
`;

/** CommonJS consumer through require(). */
const CJS_SCRIPT = `
const { createClient, ApiError, TimeoutError } = require("@cellar/sdk/v1");
const v2 = require("@cellar/sdk/v2");
(async () => {
  const client = createClient({ baseUrl: process.env.STAGE });
  const list = await client.listWineries({ lat: -5.5, lng: 77.25, radiusKm: 1 });
  let invalid;
  try { await client.listWineries({ lat: 500, lng: 0 }); } catch (error) { invalid = error instanceof ApiError && error.body.errors[0].path; }
  console.log(JSON.stringify({ listed: list.map((w) => w.name), invalid, v2: (await v2.createClient({ baseUrl: process.env.STAGE }).ping()).version, sharedErrors: v2.TimeoutError === TimeoutError }));
})().catch((error) => { console.error(error); process.exit(1); });
`;

/** Type-checked against the installed declarations: real types, not any. */
const TYPES_ESM = `
import { createClient, isApiError, type ListWineriesError, type WineryNear } from "@cellar/sdk/v2";
const client = createClient({ baseUrl: "http://localhost:3000" });
export async function nearest(): Promise<WineryNear | undefined> {
  try {
    return (await client.listWineries({ near: "38.5,-122.4", radius: 500 })).items[0];
  } catch (error) {
    if (isApiError<ListWineriesError, 400>(error, 400)) console.log(error.body.errors?.[0]?.path);
    throw error;
  }
}
// @ts-expect-error near is required
void client.listWineries({ radius: 5 });
// @ts-expect-error radius is a number
void client.listWineries({ near: "1,2", radius: "far" });
`;
const TYPES_CJS = `
import v1 = require("@cellar/sdk/v1");
const client = v1.createClient({ baseUrl: "http://localhost:3000", timeoutMs: 5000 });
export const distance = client.listWineries({ lat: 1, lng: 2 }).then((list) => list[0]?.distanceKm);
// @ts-expect-error the v1 winery is flat: no location object
export const location = client.getWinery({ wineryId: "x" }).then((winery) => winery.location);
`;

describe("npm pack of sdk/, installed into an empty project", () => {
  let packed: PackedSdk;
  let stage: RunningStage;
  let project = "";

  beforeAll(async () => {
    [packed, stage, project] = await Promise.all([
      packSdk(),
      startSdkStage(),
      makeTestTempDir("cellar-sdk-consumer-"),
    ]);
    await writeFile(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    // --offline: the package has no dependencies, so nothing may come from the network.
    await run(
      "npm",
      ["install", packed.tarball, "--offline", "--no-audit", "--no-fund", "--ignore-scripts"],
      {
        cwd: project,
        timeout: 60_000,
      },
    );
  });
  afterAll(async () => {
    await stage?.close();
    if (project) await rm(project, { recursive: true, force: true });
  });

  it("ships the builds, declarations and docs, and nothing else", () => {
    expect(packed.files).toEqual(
      expect.arrayContaining([
        "package.json",
        "README.md",
        "CHANGELOG.md",
        "LICENSE",
        "dist/esm/v1.js",
        "dist/esm/v2.js",
        "dist/esm/runtime.js",
        "dist/cjs/v1.cjs",
        "dist/cjs/v2.cjs",
        "dist/cjs/runtime.cjs",
        "dist/types/generated/v1.gen.d.ts",
        "dist/types/generated/v2.gen.d.cts",
      ]),
    );
    expect(
      packed.files.filter(
        (file) => !/^(dist\/|package\.json$|README\.md$|CHANGELOG\.md$|LICENSE$)/.test(file),
      ),
    ).toEqual([]);
  });

  it("uses no Node built-ins at runtime and no dependency in its types", async () => {
    const installed = join(project, "node_modules/@cellar/sdk");
    for (const file of packed.files.filter((name) => /\.(c?js|d\.c?ts)$/.test(name))) {
      const text = await readFile(join(installed, file), "utf8");
      expect(text, file).not.toMatch(/from\s+["'](node:|openapi-)|require\(["'](node:|openapi-)/);
    }
  });

  it("works from ESM in the empty project, against the local stage", async () => {
    const env = {
      ...process.env,
      STAGE: stage.origin,
      TOKEN: await stage.token("admin-1", ["admin"]),
      API_KEY: stage.apiKey,
    };
    await writeFile(join(project, "esm.mjs"), ESM_SCRIPT);
    const { stdout } = await run(process.execPath, ["esm.mjs"], { cwd: project, env, timeout: 30_000 });
    const result = JSON.parse(stdout);
    // The installed client names the spec it was generated from, which is the package's version.
    const { version } = JSON.parse(
      await readFile(join(project, "node_modules/@cellar/sdk/package.json"), "utf8"),
    );
    expect(result).toMatchObject({ v1: "v1", notFound: 404, SPEC_VERSION: version, sharedErrors: true });
    expect(result.listed).toEqual([result.created]);
  });

  it("works from CommonJS in the empty project", async () => {
    await writeFile(join(project, "cjs.cjs"), CJS_SCRIPT);
    const { stdout } = await run(process.execPath, ["cjs.cjs"], {
      cwd: project,
      env: { ...process.env, STAGE: stage.origin },
      timeout: 30_000,
    });
    expect(JSON.parse(stdout)).toEqual({
      listed: ["Packed Cellars"],
      invalid: "/query/lat",
      v2: "v2",
      sharedErrors: true,
    });
  });

  it("type-checks ESM and CommonJS consumers against the installed declarations, libraries included", async () => {
    await writeFile(join(project, "check.mts"), TYPES_ESM);
    await writeFile(join(project, "check-require.cts"), TYPES_CJS);
    await writeFile(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          lib: ["es2022", "dom"],
          types: [],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          // Our declarations are checked; TypeScript's own lib.dom.d.ts is not worth seconds of CI.
          skipDefaultLibCheck: true,
        },
        files: ["check.mts", "check-require.cts"],
      }),
    );
    const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
    const result = await run(process.execPath, [tsc, "-p", project], { cwd: project, timeout: 60_000 }).catch(
      (error: { stdout: string }) => error,
    );
    expect(result.stdout).toBe("");
  });
});
