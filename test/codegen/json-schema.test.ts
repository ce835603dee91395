import { describe, expect, it } from "vitest";
import { collectFormats, toJsonSchema } from "../../codegen/json-schema.js";

describe("toJsonSchema", () => {
  it("turns nullable scalars into type unions, including enums", () => {
    expect(toJsonSchema({ type: "string", enum: ["a"], nullable: true }, "#/d/")).toEqual({
      type: ["string", "null"],
      enum: ["a", null],
    });
  });

  it("wraps nullable references and compositions in anyOf", () => {
    expect(toJsonSchema({ $ref: "#/components/schemas/X", nullable: true }, "c#/definitions/")).toEqual({
      anyOf: [{ $ref: "c#/definitions/X" }, { type: "null" }],
    });
  });

  it("converts OpenAPI 3.0 boolean exclusive bounds to draft-07 numbers", () => {
    expect(toJsonSchema({ type: "number", minimum: 0, exclusiveMinimum: true, maximum: 5 }, "#/")).toEqual({
      type: "number",
      exclusiveMinimum: 0,
      maximum: 5,
    });
  });

  it("drops annotations, which would only be copied into validator code, and recurses into every schema keyword", () => {
    const converted = toJsonSchema(
      {
        type: "object",
        title: "Thing",
        description: "A thing.",
        example: { a: 1 },
        "x-internal": true,
        properties: { a: { type: "integer", example: 1, xml: { name: "a" }, readOnly: true } },
        additionalProperties: { $ref: "#/components/schemas/Y" },
        allOf: [{ nullable: true, type: "object" }],
        items: { $ref: "#/components/schemas/Z" },
      },
      "#/definitions/",
    );
    expect(converted).toEqual({
      type: "object",
      properties: { a: { type: "integer" } },
      additionalProperties: { $ref: "#/definitions/Y" },
      allOf: [{ type: ["object", "null"] }],
      items: { $ref: "#/definitions/Z" },
    });
  });

  it("rejects references outside components/schemas", () => {
    expect(() => toJsonSchema({ $ref: "other.yaml#/X" }, "#/")).toThrow(/components\/schemas/);
  });

  it("collects formats at any depth", () => {
    expect([...collectFormats({ a: { format: "uuid", b: [{ format: "date-time" }] } })].sort()).toEqual([
      "date-time",
      "uuid",
    ]);
  });
});
