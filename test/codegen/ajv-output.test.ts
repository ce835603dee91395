import type { AnyValidateFunction } from "ajv/dist/core.js";
import { describe, expect, it } from "vitest";
import {
  compactErrorReports,
  compiledFunction,
  patternConstructorCode,
  renameIdentifiers,
  type ScopeValue,
  schemaConstantCode,
} from "../../codegen/ajv-output.js";
import { createAjv } from "../../codegen/emit-validators.js";
import { ownFormatName } from "../../codegen/validator-formats.js";

/**
 * One test per construct of ajv's output that `ajv-output.ts` relies on, each compiled by ajv
 * itself with the generator's configuration: an ajv upgrade that changes one fails here, by name.
 */
const ajv = createAjv(["uuid", "int32"]);
ajv.addSchema({ type: "object", properties: { b: { $ref: "B" } } }, "A");
ajv.addSchema({ type: "object", properties: { a: { $ref: "A" } } }, "B");
ajv.addSchema({ type: "string" }, "Leaf");

function valuesOf(validate: AnyValidateFunction): ScopeValue[] {
  return compiledFunction(validate).values;
}

function only<K extends ScopeValue["kind"]>(values: ScopeValue[], kind: K): Extract<ScopeValue, { kind: K }> {
  const found = values.filter((value): value is Extract<ScopeValue, { kind: K }> => value.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0]!;
}

describe("ajv's output, as ajv-output.ts reads it", () => {
  it("a compiled function: a numbered name, and code declaring a function of that name", () => {
    const { name, code } = compiledFunction(ajv.compile({ type: "string" }));
    expect(name).toMatch(/^validate\d+$/);
    expect(code.startsWith(`function ${name}(data, {instancePath=""`)).toBe(true);
  });

  it("a $ref (inlineRefs off): a call to the referenced schema's own function", () => {
    const validate = ajv.compile({ type: "object", properties: { leaf: { $ref: "Leaf" } } });
    const value = only(valuesOf(validate), "validator");
    expect(value.validate).toBe(ajv.getSchema("Leaf"));
    expect(compiledFunction(validate).code).toContain(`${value.name}(`);
  });

  it("a $ref back to a schema still compiling: a wrapper whose validate is that schema's function", () => {
    const a = ajv.getSchema("A")!; // compiles B while A is being compiled
    const pending = only(valuesOf(ajv.getSchema("B")!), "pending");
    expect(pending.validate).toBe(a);
  });

  it("an error report: the append block compactErrorReports rewrites into one call", () => {
    const { code } = compiledFunction(ajv.compile({ type: "string", minLength: 2 }));
    expect(code).toContain("vErrors.push(");
    const compacted = compactErrorReports(code);
    expect(compacted.compacted).toBe(true);
    expect(compacted.code).not.toContain("vErrors.push(");
  });

  it("a schema constant: read through the property chain to an enum", () => {
    const schema = { type: "object", properties: { kind: { type: "string", enum: ["a", "b"] } } };
    const validate = ajv.compile(schema);
    const constant = only(valuesOf(validate), "schema");
    expect(constant.schema).toEqual(schema);
    expect(schemaConstantCode(constant.schema, constant.name, compiledFunction(validate).code)).toBe(
      '{"properties":{"kind":{"enum":["a","b"]}}}',
    );
  });

  it("a format: the check ajv was given, ours by function, ajv-formats' as a require", () => {
    const uuid = only(valuesOf(ajv.compile({ type: "string", format: "uuid" })), "format");
    expect(ownFormatName(uuid.format)).toBe("isUuid");
    const int32 = only(valuesOf(ajv.compile({ type: "integer", format: "int32" })), "format");
    expect(int32.code).toEqual({
      kind: "require",
      specifier: "ajv-formats/dist/formats",
      rest: ".fullFormats.int32",
    });
  });

  it('a pattern: new RegExp(source, "u"), whose flag the non-unicode fallback drops', () => {
    const unicode = only(valuesOf(ajv.compile({ type: "string", pattern: "^a" })), "pattern");
    expect(unicode.code).toBe('new RegExp("^a", "u")');
    expect(patternConstructorCode(unicode.pattern, unicode.code)).toBe(unicode.code);
    const legacy = only(valuesOf(ajv.compile({ type: "string", pattern: "^\\_" })), "pattern");
    expect(legacy.pattern.unicode).toBe(false);
    expect(patternConstructorCode(legacy.pattern, legacy.code)).toBe('new RegExp("^\\\\_", "")');
  });

  it("maxLength: ajv's runtime string length in code points", () => {
    const length = only(valuesOf(ajv.compile({ type: "string", maxLength: 3 })), "other");
    expect(length.code).toEqual({ kind: "ucs2length" });
  });

  it('another runtime helper: require("ajv/dist/runtime/…").default', () => {
    const equal = only(valuesOf(ajv.compile({ type: "array", uniqueItems: true })), "other");
    expect(equal.code).toEqual({ kind: "require", specifier: "ajv/dist/runtime/equal", rest: ".default" });
  });

  it("names: a function's name is an identifier renameIdentifiers finds wherever the code uses it", () => {
    const { name, code } = compiledFunction(ajv.compile({ type: "string" }));
    const renamed = renameIdentifiers(code, new Map([[name, "validateThing"]]));
    expect(renamed.startsWith("function validateThing(")).toBe(true);
    expect(renamed).toContain("validateThing.errors");
    expect(renamed).not.toMatch(new RegExp(`\\b${name}\\b`));
  });
});
