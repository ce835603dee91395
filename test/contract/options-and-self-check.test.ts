import { describe, expect, it } from "vitest";
import { listOperations, loadSpec } from "../../contract-tests/lib/openapi-document.cjs";
import { createSchemaValidator } from "../../contract-tests/lib/schema-validator.cjs";
import { parseOptions, UsageError } from "../../contract-tests/options.js";
import { breakOneType, validatorSelfCheck } from "../../contract-tests/validator-self-check.js";

describe("parseOptions", () => {
  it("reads flags, with tokens falling back to the environment", () => {
    const options = parseOptions(
      ["--endpoint", "http://localhost:3000", "--admin-token", "A", "--only", "checks"],
      {
        CONTRACT_USER_TOKEN: "U",
      },
    );
    expect(options).toEqual({
      endpoint: "http://localhost:3000",
      tokens: { admin: "A", user: "U" },
      only: "checks",
    });
  });

  it("returns undefined for --help and refuses bad input", () => {
    expect(parseOptions(["--help"], {})).toBeUndefined();
    expect(() => parseOptions([], {})).toThrow(UsageError);
    expect(() => parseOptions(["--endpoint", "localhost:3000"], {})).toThrow(/http/);
    expect(() => parseOptions(["--endpoint", "http://h", "--only", "all"], {})).toThrow(/dredd or checks/);
    expect(() => parseOptions(["--endpoint", "http://h", "--bogus"], {})).toThrow(UsageError);
  });
});

describe("validatorSelfCheck", () => {
  const doc = loadSpec();
  const operations = listOperations(doc);

  it("passes with the real validator", () => {
    expect(validatorSelfCheck(operations, createSchemaValidator(doc))).toEqual([]);
  });

  it("catches a validator that accepts everything", () => {
    const lenient = { convert: (schema: object) => schema as Record<string, unknown>, validate: () => [] };
    expect(validatorSelfCheck(operations, lenient).length).toBeGreaterThan(0);
  });

  it("breaks exactly one value's type", () => {
    expect(breakOneType({ a: "x", b: [1, 2] })).toEqual({ a: "x", b: ["1", 2] });
    expect(breakOneType({ a: "x" })).toEqual({ a: 12345 });
    expect(breakOneType({ a: null })).toBeUndefined();
  });
});
