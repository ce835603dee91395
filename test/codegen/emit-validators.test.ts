import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emitValidators } from "../../codegen/emit-validators.js";
import { collectOperations } from "../../codegen/operations.js";
import type { OpenApiDocument } from "../../codegen/spec.js";
import type { ValidateFunction } from "../../src/runtime/operation-spec.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ content: { "application/json": { schema } } });

/** Two operations sharing components, recursion (direct and mutual), formats and an enum. */
const doc: OpenApiDocument = {
  openapi: "3.0.3",
  info: { title: "Validators fixture", version: "1.0.0" },
  paths: {
    "/folders/{folderId}": {
      get: {
        operationId: "getFolder",
        parameters: [
          { name: "folderId", in: "path", required: true, schema: { type: "string", format: "uuid" } },
        ],
        responses: {
          "200": { description: "A folder", ...json(ref("Folder")) },
          "404": { description: "No" },
        },
      },
      put: {
        operationId: "putFolder",
        parameters: [
          { name: "folderId", in: "path", required: true, schema: { type: "string", format: "uuid" } },
        ],
        requestBody: { required: true, ...json(ref("Folder")) },
        responses: { "200": { description: "Saved", ...json({ type: "array", items: ref("Folder") }) } },
      },
    },
  },
  components: {
    schemas: {
      Folder: {
        type: "object",
        additionalProperties: false,
        required: ["name", "kind"],
        properties: {
          name: { type: "string", minLength: 1, description: "Shown to people, not to ajv." },
          kind: { type: "string", enum: ["plain", "shared"] },
          homepage: { type: "string", format: "uri", nullable: true },
          createdAt: { type: "string", format: "date-time" },
          checksum: { type: "string", format: "byte" },
          secret: { type: "string", format: "password" },
          owner: ref("Person"),
          children: { type: "array", items: ref("Folder") },
        },
      },
      Person: {
        type: "object",
        required: ["name"],
        properties: { name: { type: "string" }, folders: { type: "array", items: ref("Folder") } },
      },
      Unused: { type: "object", properties: { never: { type: "string" } } },
    },
  },
};

const repoRoot = resolve(import.meta.dirname, "../..");

describe("emitValidators", () => {
  const files = emitValidators(doc, collectOperations(doc));
  // Inside the repo, so the modules resolve ajv's runtime helpers from node_modules.
  const outDir = mkdtempSync(join(repoRoot, "tmp-codegen-"));
  const load = async (file: string) =>
    (await import(pathToFileURL(join(outDir, file)).href)).default as Record<string, ValidateFunction>;

  beforeAll(() => {
    for (const [file, content] of files) {
      mkdirSync(dirname(join(outDir, file)), { recursive: true });
      writeFileSync(join(outDir, file), content);
    }
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it("writes one module per operation and one per component the operations reach", () => {
    expect([...files.keys()].sort()).toEqual([
      "src/generated/validators/components/Folder.gen.js",
      "src/generated/validators/components/Person.gen.js",
      "src/generated/validators/getFolder.gen.js",
      "src/generated/validators/putFolder.gen.js",
      "src/generated/validators/validator-helpers.gen.js",
    ]);
  });

  it("compiles a shared component once: operations import it instead of carrying its code", () => {
    const put = files.get("src/generated/validators/putFolder.gen.js")!;
    const get = files.get("src/generated/validators/getFolder.gen.js")!;
    expect(put).toContain('from "./components/Folder.gen.js";');
    expect(get).toMatch(
      /^import validateFolder from "\.\/components\/Folder\.gen\.js";$[\s\S]*^response200: validateFolder,$/m,
    );
    for (const code of [put, get]) expect(code).not.toContain("must NOT have fewer than 1 characters");
    expect(files.get("src/generated/validators/components/Folder.gen.js")).toContain(
      'from "./Person.gen.js";',
    );
  });

  it("validates through references and recursion, reporting each error at its instance path", async () => {
    const { request } = await load("src/generated/validators/putFolder.gen.js");
    const body = {
      name: "root",
      kind: "plain",
      owner: { name: "ann", folders: [{ name: "", kind: "plain" }] },
      children: [{ name: "child", kind: "odd", extra: true }],
    };
    expect(request!({ path: { folderId: "not-a-uuid" }, query: {}, headers: {}, body })).toBe(false);
    const errors = request!.errors!.map(({ instancePath, keyword, params, message }) => ({
      instancePath,
      keyword,
      params,
      message,
    }));
    expect(errors).toEqual(
      expect.arrayContaining([
        {
          instancePath: "/path/folderId",
          keyword: "format",
          params: { format: "uuid" },
          message: 'must match format "uuid"',
        },
        {
          instancePath: "/body/owner/folders/0/name",
          keyword: "minLength",
          params: { limit: 1 },
          message: "must NOT have fewer than 1 characters",
        },
        {
          instancePath: "/body/children/0/kind",
          keyword: "enum",
          params: { allowedValues: ["plain", "shared"] },
          message: "must be equal to one of the allowed values",
        },
        {
          instancePath: "/body/children/0",
          keyword: "additionalProperties",
          params: { additionalProperty: "extra" },
          message: "must NOT have additional properties",
        },
      ]),
    );
    expect(errors).toHaveLength(4);
    const valid = { path: { folderId: "7d3f1c1e-3c5e-4c1a-9a57-0a5d2c1f8e11" }, query: {}, headers: {} };
    expect(
      request!({ ...valid, body: { name: "root", kind: "shared", children: [body.owner.folders[0]] } }),
    ).toBe(false);
    expect(request!({ ...valid, body: { name: "root", kind: "shared", owner: { name: "ann" } } })).toBe(true);
  });

  it("checks uri and date-time with our own functions, other formats through ajv-formats", async () => {
    const folder = (await load(
      "src/generated/validators/components/Folder.gen.js",
    )) as unknown as ValidateFunction;
    const base = { name: "f", kind: "plain", secret: "anything" };
    const valid = { ...base, homepage: "https://example.com/a?b#c", createdAt: "2024-02-29T10:00:00Z" };
    expect(folder({ ...valid, checksum: "Y2VsbGFy" })).toBe(true);
    expect(folder({ ...base, homepage: null })).toBe(true);
    expect(folder({ ...base, homepage: "no scheme here" })).toBe(false);
    expect(folder({ ...base, createdAt: "2024-13-01T10:00:00Z" })).toBe(false);
    expect(folder.errors?.[0]?.message).toBe('must match format "date-time"');
    expect(folder({ ...base, checksum: "not base64!" })).toBe(false);
    const code = files.get("src/generated/validators/components/Folder.gen.js")!;
    expect(code).not.toMatch(/fullFormats(\.uri|\["date-time"\])/);
    expect(code).toContain("fullFormats.byte");
  });

  it("writes the error reporter and format checks once, in the helpers module the validators import", () => {
    const helpers = files.get("src/generated/validators/validator-helpers.gen.js")!;
    expect(helpers).toMatch(/^export function reportError\(/m);
    expect(helpers).toMatch(/^export function isUri\(value\)/m);
    expect(helpers).toMatch(/^export function isDateTime\(value\)/m);
    expect(helpers).not.toMatch(/function isDate\(/); // only what the spec's validators use
    const folder = files.get("src/generated/validators/components/Folder.gen.js")!;
    expect(folder).toContain('from "../validator-helpers.gen.js";');
    expect(files.get("src/generated/validators/putFolder.gen.js")).toContain(
      'from "./validator-helpers.gen.js";',
    );
    for (const [file, code] of files) {
      if (file.endsWith("validator-helpers.gen.js")) continue;
      expect(code, file).not.toMatch(/function (reportError|isUri|isDateTime)\(/);
      expect(code, file).not.toContain("schemaPath");
    }
  });

  it("leaves annotations out of the emitted schema constants", () => {
    const code = [...files.values()].join("\n");
    expect(code).not.toContain("Shown to people");
    expect(code).toContain('["plain","shared"]');
  });

  it("is deterministic", () => {
    const again = emitValidators(doc, collectOperations(doc));
    expect([...again.entries()]).toEqual([...files.entries()]);
  });
});

describe("emitValidators on component names OpenAPI does not allow", () => {
  it("refuses them, since they name files and schema keys", () => {
    const odd: OpenApiDocument = { ...doc, components: { schemas: { "Folder list": { type: "array" } } } };
    expect(() => emitValidators(odd, [])).toThrow(
      /components\.schemas\.Folder list: a component name must match/,
    );
  });
});
