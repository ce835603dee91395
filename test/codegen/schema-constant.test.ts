import { describe, expect, it } from "vitest";
import { schemaConstantCode } from "../../codegen/ajv-output.js";

const schema = {
  type: "object",
  required: ["kind"],
  properties: {
    kind: { type: "string", enum: ["a", "b"] },
    "odd-name": { type: ["string", "null"], maxLength: 3 },
    nested: { type: "object", properties: { deep: { const: { x: 1 } } } },
  },
};

describe("schemaConstantCode", () => {
  it("is undefined when the code never reads the constant", () => {
    expect(schemaConstantCode(schema, "schema3", "if(schema31 === 1){}")).toBeUndefined();
  });

  it("keeps only the values the code reads, whole from where each chain ends", () => {
    const code = `a = schema3.properties.kind.enum; b = schema3.properties["odd-name"].type.length;`;
    expect(JSON.parse(schemaConstantCode(schema, "schema3", code)!)).toEqual({
      properties: { kind: { enum: ["a", "b"] }, "odd-name": { type: ["string", "null"] } },
    });
  });

  it("keeps a whole object when one chain ends on it, even if another goes deeper", () => {
    const code = "x = schema3.properties.nested.properties.deep.const; y = schema3.properties.nested;";
    expect(JSON.parse(schemaConstantCode(schema, "schema3", code)!)).toEqual({
      properties: { nested: schema.properties.nested },
    });
  });

  it("keeps the whole schema for a bare reference, and never changes the schema it reads", () => {
    const before = structuredClone(schema);
    expect(JSON.parse(schemaConstantCode(schema, "schema3", "f(schema3.properties.kind, schema3)")!)).toEqual(
      schema,
    );
    schemaConstantCode(schema, "schema3", "schema3.properties.nested; schema3.properties.nested.type");
    expect(schema).toEqual(before);
  });

  it("escapes the line separators JSON allows in strings but JavaScript once did not", () => {
    const withSeparator = { enum: ["a\u2028b"] };
    expect(schemaConstantCode(withSeparator, "schema0", "schema0.enum")).toBe('{"enum":["a\\u2028b"]}');
  });
});
