import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeholderReference } from "../../codegen/docs/render-reference.js";
import { generate } from "../../codegen/generate.js";
import { loadSpec } from "../../codegen/spec.js";
import { writeOutput } from "../../codegen/write-output.js";
import type { ValidateFunction } from "../../src/runtime/operation-spec.js";

/**
 * Shapes public specs have that our own spec does not, each in a fixture of its own: the generator
 * must take them, its output must compile, and its validators must still enforce them.
 */
const FIXTURES = ["js-patterns", "local-refs", "discriminator-names", "colliding-names"] as const;

const repoRoot = resolve(import.meta.dirname, "../..");
// Inside the repo, so the generated validators resolve ajv's runtime from node_modules.
const outDir = mkdtempSync(join(repoRoot, "tmp-codegen-"));
const out = (fixture: string, file: string) => join(outDir, fixture, file);
const validators = async (fixture: string, operationId: string) =>
  (await import(pathToFileURL(out(fixture, `src/generated/validators/${operationId}.gen.js`)).href))
    .default as Record<string, ValidateFunction>;
const request = (parts: { path?: object; query?: object; headers?: object; body?: unknown }) => ({
  path: {},
  query: {},
  headers: {},
  ...parts,
});

beforeAll(async () => {
  for (const fixture of FIXTURES) {
    const spec = resolve(import.meta.dirname, "../../codegen/fixtures", `${fixture}.yaml`);
    const root = join(outDir, fixture);
    writeOutput(
      root,
      await generate(loadSpec(spec), {
        specName: `${fixture}.yaml`,
        outDir: root,
        renderReference: placeholderReference,
        sdkRuntimeDir: join(repoRoot, "sdk/src/runtime"),
      }),
    );
  }
}, 60_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("generated code for real-world spec shapes", () => {
  it("compiles with strict tsc, every fixture in one program", () => {
    writeFileSync(
      join(outDir, "tsconfig.json"),
      JSON.stringify({
        extends: "../tsconfig.json",
        include: ["*/src", "*/sdk"],
        compilerOptions: { types: ["node"] },
      }),
    );
    const tsc = () =>
      execFileSync(join(repoRoot, "node_modules/.bin/tsc"), ["--noEmit", "-p", outDir], { encoding: "utf8" });
    expect(tsc).not.toThrow();
  }, 60_000);

  it("enforces patterns that only compile without the u flag, in parameters, properties and patternProperties", async () => {
    const { request: validate, response200 } = await validators("js-patterns", "getArn");
    expect(validate!(request({ path: { arn: "arn:aws-cn:s3-x:a:b-c" }, query: { template: "{abc}" } }))).toBe(
      true,
    );
    expect(validate!(request({ path: { arn: "arn:aws:S3:a" } }))).toBe(false);
    expect(validate!(request({ path: { arn: "arn:aws:s3:a" }, query: { template: "abc" } }))).toBe(false);
    expect(response200!({ name: "a_b-c", unicode: "ÄB", "x-extra": "ok" })).toBe(true);
    expect(response200!({ name: "a b" })).toBe(false);
    expect(response200!({ name: "a", "x-extra": 1 })).toBe(false);
    // A pattern that needs `u` (`\p{Lu}`) keeps it.
    expect(response200!({ name: "a", unicode: "ab" })).toBe(false);
    const code = readFileSync(
      out("js-patterns", "src/generated/validators/components/Resource.gen.js"),
      "utf8",
    );
    expect(code).toContain('new RegExp("^\\\\p{Lu}+$", "u")');
    expect(code).toContain('new RegExp("^[a-zA-Z0-9\\\\_\\\\-]+$", "")');
  });

  it("follows references into paths, components/parameters and components/responses, cycles included", async () => {
    const owners = await validators("local-refs", "listOwners");
    expect(owners.request!(request({ path: {}, query: { petId: "12", limit: 5 } }))).toBe(true);
    expect(owners.request!(request({ query: { limit: 0 } }))).toBe(false);
    expect(owners.response200!([{ name: "ann", pets: [{ name: "rex", parent: { name: "max" } }] }])).toBe(
      true,
    );
    expect(owners.response200!([{ name: "ann", pets: [{ name: "rex", parent: { name: "" } }] }])).toBe(false);
    expect(owners.response200!([{ name: "x".repeat(21) }])).toBe(false);
    const put = await validators("local-refs", "putPet");
    expect(put.request!(request({ path: { petId: "1" }, body: { name: "rex", owner: "ann" } }))).toBe(true);
    expect(put.request!(request({ path: { petId: "one" }, body: { name: "rex" } }))).toBe(false);
    expect(
      put.request!(request({ path: { petId: "1" }, body: { name: "rex", owner: "x".repeat(21) } })),
    ).toBe(false);
    expect(put.request!(request({ path: { petId: "1" }, body: { name: "rex", parent: { name: "" } } }))).toBe(
      false,
    );
  });

  it("reads discriminator mappings that name schemas as references to them", () => {
    const types = readFileSync(out("discriminator-names", "src/generated/types.gen.ts"), "utf8");
    expect(types).toMatch(/kind: "cat";/);
    expect(types).toMatch(/kind: "dog";/);
  });

  it("gives parameters and types that collide as identifiers distinct names, deterministically", () => {
    const sdk = readFileSync(out("colliding-names", "sdk/src/generated/v1.gen.ts"), "utf8");
    const input = /export interface ListEventsV1Input \{\n([\s\S]*?)\n\}/.exec(sdk)![1]!;
    const members = [...input.matchAll(/^ {2}(\w+)\??: .*\["([^"]+)"\];$/gm)].map(([, property, name]) => [
      property,
      name,
    ]);
    expect(Object.fromEntries(members)).toEqual({
      id: "id",
      idQuery: "id",
      startTimeLt: "StartTime<",
      startTimeGt: "StartTime>",
      startTimeGte: "StartTime>=",
      xTraceId: "xTraceId",
      xTraceIdHeader: "X-Trace-Id",
      bodyQuery: "body",
      body: "application/json",
    });
    expect(sdk).toContain('query: { id: input.idQuery, "StartTime<": input.startTimeLt');
    // `listEvents` keeps its name; `listEventsV1` would strip to it, so keeps its operationId.
    expect(sdk).toMatch(/^ {2}listEvents\(options\?: RequestOptions\): Promise<ListEventsResult>;$/m);
    expect(sdk).toMatch(/^ {2}listEventsV1\(input: ListEventsV1Input/m);
    // Schemas yield to operation types and to names the module uses (`Promise`).
    expect(sdk).toContain('export type ListEventsResultSchema = components["schemas"]["ListEventsResult"];');
    expect(sdk).toContain('export type PromiseSchema = components["schemas"]["Promise"];');
    expect(sdk).toContain('export type News = components["schemas"]["News"];');
  });
});
