import { describe, expect, it } from "vitest";
import { toJsonSchema } from "../../contract-tests/lib/openapi-schema-to-json-schema.cjs";

const rewrite = (ref: string) => ref.replace("#/components/schemas/", "spec#/definitions/");

describe("toJsonSchema", () => {
  it("turns nullable into a null-admitting type, also in enums", () => {
    expect(toJsonSchema({ type: "string", nullable: true, maxLength: 5 }, rewrite)).toEqual({
      type: ["string", "null"],
      maxLength: 5,
    });
    expect(toJsonSchema({ type: "string", enum: ["a"], nullable: true }, rewrite)).toEqual({
      type: ["string", "null"],
      enum: ["a", null],
    });
  });

  it("wraps a nullable schema without a type in anyOf", () => {
    expect(toJsonSchema({ allOf: [{ $ref: "#/components/schemas/A" }], nullable: true }, rewrite)).toEqual({
      anyOf: [{ allOf: [{ $ref: "spec#/definitions/A" }] }, { type: "null" }],
    });
  });

  it("rewrites $refs and drops their siblings, as OpenAPI 3.0 ignores them", () => {
    expect(toJsonSchema({ $ref: "#/components/schemas/Winery", description: "ignored" }, rewrite)).toEqual({
      $ref: "spec#/definitions/Winery",
    });
  });

  it("drops example and vendor extensions but keeps properties with those names", () => {
    const converted = toJsonSchema(
      {
        type: "object",
        example: { a: 1 },
        "x-internal": true,
        properties: {
          example: { type: "string", example: "x" },
          items: { type: "array", items: { type: "integer" } },
        },
      },
      rewrite,
    );
    expect(converted).toEqual({
      type: "object",
      properties: { example: { type: "string" }, items: { type: "array", items: { type: "integer" } } },
    });
  });

  it("converts draft-04 boolean exclusive bounds", () => {
    expect(toJsonSchema({ type: "number", minimum: 0, exclusiveMinimum: true }, rewrite)).toEqual({
      type: "number",
      exclusiveMinimum: 0,
    });
    expect(toJsonSchema({ type: "number", maximum: 5, exclusiveMaximum: false }, rewrite)).toEqual({
      type: "number",
      maximum: 5,
    });
  });
});
