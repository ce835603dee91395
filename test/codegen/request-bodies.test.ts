import { describe, expect, it } from "vitest";
import { requestBodyModel } from "../../codegen/request-bodies.js";
import type { OpenApiDocument, SchemaObject } from "../../codegen/spec.js";

const doc: OpenApiDocument = {
  openapi: "3.0.3",
  info: { title: "t", version: "1" },
  paths: {},
  components: {
    schemas: {
      Form: {
        type: "object",
        properties: { n: { type: "integer" }, tags: { type: "array", items: { type: "number" } } },
      },
      Bytes: { type: "string", format: "binary" },
    },
  },
} as OpenApiDocument;

const model = (content: Record<string, SchemaObject | undefined>, required = false) =>
  requestBodyModel(doc, {
    required,
    content: Object.fromEntries(
      Object.entries(content).map(([type, schema]) => [type, schema ? { schema } : {}]),
    ),
  });

const binary = { type: "string", format: "binary" };

describe("how the generator reads a request body's media types", () => {
  it.each([
    ["application/json", { type: "object" }, undefined],
    ["application/vnd.api+json", { type: "object" }, undefined],
    ["application/x-ndjson", { type: "array" }, undefined],
    ["application/x-www-form-urlencoded", { $ref: "#/components/schemas/Form" }, "form"],
    ["multipart/form-data", { type: "object" }, "multipart"],
    ["application/octet-stream", binary, "binary"],
    ["application/pdf", undefined, "binary"],
    ["image/png", { $ref: "#/components/schemas/Bytes" }, "binary"],
  ])("%s is served, read as %s (JSON when undefined)", (type, schema, kind) => {
    const body = model({ [type]: schema as SchemaObject | undefined });
    expect(body.warnings).toEqual([]);
    expect(body.contentTypes).toEqual([type]);
    expect(body.kinds[type]).toBe(kind);
  });

  it.each([
    ["text/plain", { type: "string" }, "is not served"],
    ["application/xml", { type: "object" }, "is not served"],
    ["image/*", binary, "is not served"],
    ["multipart/mixed", { type: "object" }, "is not served"],
    ["application/octet-stream", { type: "object" }, "is not served"],
  ])("%s is reported and left out (answered 415)", (type, schema, message) => {
    const body = model({ [type]: schema as SchemaObject });
    expect(body.contentTypes).toEqual([]);
    expect(body.warnings).toHaveLength(1);
    expect(body.warnings[0]).toContain(`request body ${type} ${message}`);
  });

  it("coerces form fields by the schema, a referenced one included", () => {
    const body = model({ "application/x-www-form-urlencoded": { $ref: "#/components/schemas/Form" } });
    expect(body.fields).toEqual({ n: { type: "integer" }, tags: { type: "array", itemType: "number" } });
  });

  it("validates multipart files as uploaded-file objects, and leaves a required body to the runtime", () => {
    const body = model(
      {
        "multipart/form-data": {
          type: "object",
          properties: { file: binary, more: { type: "array", items: binary }, note: { type: "string" } },
        },
      },
      true,
    );
    expect(body.files).toEqual(["file", "more"]);
    const properties = body.validationSchema?.properties as Record<string, SchemaObject>;
    expect(properties.file).toMatchObject({ type: "object", required: ["filename", "contentType", "data"] });
    expect(properties.more).toMatchObject({ type: "array", items: { type: "object" } });
    expect(properties.note).toEqual({ type: "string" });
  });

  it("serves a form body next to JSON only with the same schema", () => {
    const same = model({
      "application/json": { $ref: "#/components/schemas/Form" },
      "application/x-www-form-urlencoded": { $ref: "#/components/schemas/Form" },
    });
    expect(same.contentTypes).toEqual(["application/json", "application/x-www-form-urlencoded"]);
    const different = model({
      "application/json": { type: "object" },
      "application/x-www-form-urlencoded": { $ref: "#/components/schemas/Form" },
    });
    expect(different.contentTypes).toEqual(["application/json"]);
    expect(different.warnings[0]).toContain("has a schema of its own");
  });

  it("keeps several JSON media types with different schemas as before (the first one validates)", () => {
    const body = model({
      "application/json": { type: "object" },
      "application/merge-patch+json": { type: "array" },
    });
    expect(body.contentTypes).toEqual(["application/json", "application/merge-patch+json"]);
    expect(body.warnings).toEqual([]);
    expect(body.validationSchema).toEqual({ type: "object" });
  });

  it("refuses form encodings it does not read", () => {
    const body = requestBodyModel(doc, {
      content: {
        "application/x-www-form-urlencoded": {
          schema: { type: "object", properties: { ids: { type: "array", items: { type: "string" } } } },
          encoding: { ids: { style: "form", explode: false } },
        },
      },
    });
    expect(body.contentTypes).toEqual([]);
    expect(body.warnings[0]).toContain('field "ids" is encoded with style form, explode false');
  });
});

describe("a multipart body sharing the JSON body's schema", () => {
  it("is not served when that schema has files, which JSON cannot carry", () => {
    const schema = { type: "object", properties: { file: binary } };
    const body = model({ "application/json": schema, "multipart/form-data": schema });
    expect(body.contentTypes).toEqual(["application/json"]);
    expect(body.kinds).toEqual({});
    expect(body.validationSchema).toEqual(schema);
    expect(body.warnings[0]).toContain("request body multipart/form-data shares application/json's schema");
  });
});
