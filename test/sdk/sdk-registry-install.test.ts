import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PackedSdk, packSdk } from "../../sdk/scripts/pack-sdk.js";
import { makeTestTempDir } from "../support/test-temp-dirs.js";
import { type LocalRegistry, startLocalRegistry } from "./support/local-registry.js";
import { type ScriptedServer, startScriptedServer, status } from "./support/scripted-server.js";

const run = promisify(execFile);
const repoRoot = resolve(import.meta.dirname, "../..");
/** The consumer installs the TypeScript this repository is checked with. */
const { version: typescriptVersion } = JSON.parse(
  readFileSync(join(repoRoot, "node_modules/typescript/package.json"), "utf8"),
) as { version: string };
const WINERY_ID = "6f1c0b0e-8a5e-4a57-9a8e-0d5f4e1c2b3a";
const MISSING_ID = "00000000-0000-4000-8000-000000000000";

/** What a consumer writes after reading sdk/README.md: both entry points, a read, the documented 404 check. */
const consumerSource = (origin: string) => `
import { ApiError, createClient, type GetWineryError, isApiError, type Winery } from "@cellar/sdk/v2";
import * as v1 from "@cellar/sdk/v1";

const cellar = createClient({ baseUrl: ${JSON.stringify(origin)}, retry: false });
const winery: Winery = await cellar.getWinery({ wineryId: ${JSON.stringify(WINERY_ID)} });
let missing = "";
try {
  await cellar.getWinery({ wineryId: ${JSON.stringify(MISSING_ID)} });
} catch (error) {
  if (!isApiError<GetWineryError, 404>(error, 404)) throw error;
  const status: 404 = error.status; // narrowed to the 404 member, under strict tsc
  missing = \`\${status} \${error.body.detail ?? ""}\`;
}
// Type-only: never called.
// @ts-expect-error wineryId is required
export const withoutId = () => cellar.getWinery({});
console.log(JSON.stringify({ name: winery.name, region: winery.region, missing, sharedErrors: v1.ApiError === ApiError }));
`;

/** A fresh project's strict settings; `resolution` picks how it finds @cellar/sdk's entry points. */
function tsconfig(resolution: "nodenext" | "bundler", emit: boolean): string {
  return JSON.stringify({
    compilerOptions: {
      target: "es2022",
      module: resolution === "nodenext" ? "nodenext" : "esnext",
      moduleResolution: resolution,
      lib: ["es2022", "dom"],
      types: [],
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      // The installed declarations are checked too; TypeScript's own lib files are not worth the time.
      skipLibCheck: false,
      skipDefaultLibCheck: true,
      ...(emit ? { outDir: "out" } : { noEmit: true }),
    },
    files: ["index.ts"],
  });
}

describe("@cellar/sdk published to a local registry (Verdaccio), installed by name", () => {
  let packed: PackedSdk;
  let registry: LocalRegistry;
  let api: ScriptedServer;
  let project = "";
  let version = "";
  let publishLog = "";
  let tsc = "";

  beforeAll(async () => {
    [packed, registry, api] = await Promise.all([packSdk(), startLocalRegistry(), startScriptedServer()]);
    ({ version } = JSON.parse(await readFile(join(repoRoot, "sdk/package.json"), "utf8")) as {
      version: string;
    });
    const npm = (args: string[], cwd: string) =>
      run("npm", [...args, "--no-audit", "--no-fund", "--ignore-scripts"], { cwd, timeout: 120_000 });
    // What a release runs, minus --provenance (that needs CI's OIDC token; sdk/README.md).
    // --registry on the command line: an npm_config_registry in the environment (a CI mirror) would
    // otherwise outrank the userconfig.
    const published = await npm(
      ["publish", packed.tarball, "--userconfig", registry.userconfig, "--registry", registry.url],
      makeTestTempDir("cellar-publish-"),
    );
    publishLog = `${published.stdout}${published.stderr}`;

    // A fresh project outside the repository, no workspace or file: link. Its .npmrc sends the @cellar
    // scope to the local registry, as a company registry would be set up; its own TypeScript comes
    // from the default registry, through npm's cache (the repository's install put it there).
    project = makeTestTempDir("cellar-sdk-by-name-");
    await writeFile(
      join(project, "package.json"),
      JSON.stringify({ name: "consumer", private: true, type: "module" }),
    );
    await writeFile(join(project, ".npmrc"), `@cellar:registry=${registry.url}\n`);
    await npm(["install", "@cellar/sdk"], project);
    await npm(
      ["install", "--save-dev", "--save-exact", `typescript@${typescriptVersion}`, "--prefer-offline"],
      project,
    );
    tsc = join(project, "node_modules/typescript/bin/tsc");
  }, 240_000);
  afterAll(async () => {
    await Promise.all([registry?.close(), api?.close()]);
  });

  it("installs @cellar/sdk at the package's version, byte for byte the tarball that was published", async () => {
    const manifest = JSON.parse(await readFile(join(project, "package.json"), "utf8"));
    expect(manifest).toMatchObject({
      dependencies: { "@cellar/sdk": `^${version}` },
      devDependencies: { typescript: typescriptVersion },
    });
    const lock = JSON.parse(await readFile(join(project, "package-lock.json"), "utf8"));
    const packedIntegrity = `sha512-${createHash("sha512")
      .update(await readFile(packed.tarball))
      .digest("base64")}`;
    // `resolved` may be left out of the lock (omit-lockfile-registry-resolved); the integrity pins the bytes.
    expect(lock.packages["node_modules/@cellar/sdk"]).toMatchObject({ version, integrity: packedIntegrity });
  });

  it("publishes without npm warnings (no manifest field npm had to correct)", () => {
    expect(publishLog).toContain(`+ @cellar/sdk@`);
    expect(publishLog.split("\n").filter((line) => /npm warn/i.test(line))).toEqual([]);
  });

  it("serves the published metadata: repository (for provenance), homepage, public access", async () => {
    const packument = await (await fetch(new URL("@cellar%2fsdk", registry.url))).json();
    const published = packument.versions[version];
    const local = JSON.parse(await readFile(join(repoRoot, "sdk/package.json"), "utf8"));
    expect(packument["dist-tags"]).toEqual({ latest: version });
    expect(published.dist.tarball).toBe(`${registry.url}@cellar/sdk/-/sdk-${version}.tgz`);
    expect(published).toMatchObject({
      repository: local.repository,
      homepage: local.homepage,
      publishConfig: { access: "public" },
    });
  });

  it("installs every file its exports name, and nothing from the sources or tests", async () => {
    const installed = join(project, "node_modules/@cellar/sdk");
    const manifest = JSON.parse(await readFile(join(installed, "package.json"), "utf8"));
    const targets = new Set<string>();
    const collect = (node: unknown): void => {
      if (typeof node === "string") targets.add(node.replace(/^\.\//, ""));
      else if (node && typeof node === "object") Object.values(node).forEach(collect);
    };
    collect(manifest.exports);
    collect(manifest.typesVersions);
    expect(targets.size).toBeGreaterThan(4);
    expect([...targets].filter((target) => !packed.files.includes(target))).toEqual([]);
    expect(
      packed.files.filter((file) => /(^|\/)(src|scripts|test)\/|\.test\.|\.ts$(?<!\.d\.ts)/.test(file)),
    ).toEqual([]);
  });

  it.each(["nodenext", "bundler"] as const)(
    "type-checks a strict consumer under moduleResolution %s",
    async (resolution) => {
      await writeFile(join(project, "index.ts"), consumerSource("http://127.0.0.1:1"));
      await writeFile(join(project, `tsconfig.${resolution}.json`), tsconfig(resolution, false));
      const result = await run(process.execPath, [tsc, "-p", `tsconfig.${resolution}.json`], {
        cwd: project,
        timeout: 120_000,
      }).catch((error: { stdout: string }) => error);
      expect(result.stdout).toBe("");
    },
    120_000,
  );

  it("runs the compiled consumer against a stub API", async () => {
    await writeFile(join(project, "index.ts"), consumerSource(api.origin));
    await writeFile(join(project, "tsconfig.json"), tsconfig("nodenext", true));
    await run(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: project, timeout: 120_000 });
    api.script(
      status(200, { id: WINERY_ID, name: "Registry Cellars", region: "Verdaccio Valley" }),
      status(404, { type: "about:blank", title: "Not Found", status: 404, detail: "No such winery." }),
    );
    const { stdout } = await run(process.execPath, ["out/index.js"], { cwd: project, timeout: 30_000 });
    expect(JSON.parse(stdout)).toEqual({
      name: "Registry Cellars",
      region: "Verdaccio Valley",
      missing: "404 No such winery.",
      sharedErrors: true,
    });
    expect(api.seen.map((request) => `${request.method} ${request.url}`)).toEqual([
      `GET /v2/wineries/${WINERY_ID}`,
      `GET /v2/wineries/${MISSING_ID}`,
    ]);
  }, 120_000);
});
