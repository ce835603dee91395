import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { compactErrorReports, REPORT_ERROR_FUNCTION } from "../../codegen/ajv-output.js";

const ajv = new Ajv({ allErrors: true, code: { source: true, lines: true, optimize: false } });

/** ajv's own code for a schema, and the same code compacted, each as a callable validator. */
function compile(schema: object) {
  const validate = ajv.compile(schema);
  const code = validate.source!.validateCode;
  const name = validate.source!.validateName.str;
  const compacted = compactErrorReports(code);
  const load = (body: string) =>
    new Function(`${body}\n${REPORT_ERROR_FUNCTION}\nreturn ${name};`)() as typeof validate;
  return { original: load(code), compacted: load(compacted.code), code, result: compacted };
}

describe("compactErrorReports", () => {
  // Property names that need escaping put commas and regular expressions into the instance path.
  const schema = {
    type: "object",
    required: ["id", "a/b"],
    additionalProperties: { type: "integer", maximum: 5 },
    properties: { id: { type: "string", const: "ab" }, "a/b": { type: "boolean" } },
  };

  it("replaces every error object and append block with one helper call without schemaPath", () => {
    const { code, result } = compile(schema);
    expect(code).toContain("if(vErrors === null){");
    expect(result.compacted).toBe(true);
    expect(result.code).not.toContain("if(vErrors === null){");
    expect(result.code).not.toContain("schemaPath");
    expect(result.code.length).toBeLessThan(code.length * 0.75);
  });

  it.each([{ id: "x", "a/b": 1, "x~/y": 7 }, { "a/b": true, other: "no" }, { id: "ab", "a/b": false }, []])(
    "reports the errors ajv reports, keyword for keyword, for %j",
    (data) => {
      const { original, compacted } = compile(schema);
      expect(compacted(data)).toBe(original(data));
      const strip = (errors: typeof original.errors) =>
        errors?.map(({ instancePath, keyword, params, message }) => ({
          instancePath,
          keyword,
          params,
          message,
        })) ?? null;
      expect(compacted.errors).toEqual(strip(original.errors));
    },
  );

  it("leaves code without ajv's error sites as it is", () => {
    const code = "if(x){\nvErrors = [err0];\n}\n";
    expect(compactErrorReports(code)).toEqual({ code, compacted: false });
  });
});
