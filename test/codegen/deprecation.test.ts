import { describe, expect, it } from "vitest";
import { deprecatedFields, operationDeprecation } from "../../codegen/deprecation.js";
import { deprecationNote } from "../../codegen/docs/reference-spec.js";
import { emitOperationModule } from "../../codegen/emit-operation.js";
import { collectOperations } from "../../codegen/operations.js";
import { type OpenApiDocument, SpecError } from "../../codegen/spec.js";

function specWith(extensions: Record<string, unknown>): OpenApiDocument {
  return {
    openapi: "3.0.3",
    info: { title: "t", version: "1.0.0" },
    components: {
      schemas: {
        Thing: {
          type: "object",
          properties: { name: { type: "string" }, colour: { type: "string", deprecated: true } },
        },
      },
    },
    paths: {
      "/v1/things": {
        get: {
          operationId: "listThings",
          parameters: [{ name: "sort", in: "query", deprecated: true, schema: { type: "string" } }],
          responses: {
            "200": {
              description: "ok",
              content: {
                "application/json": {
                  schema: { type: "array", items: { $ref: "#/components/schemas/Thing" } },
                },
              },
            },
          },
          ...extensions,
        },
      },
    },
  };
}
const operationOf = (doc: OpenApiDocument) => collectOperations(doc)[0]!;

describe("operation deprecation (RFC 9745 Deprecation, RFC 8594 Sunset)", () => {
  it("turns x-deprecated-at and x-sunset into header values", () => {
    const deprecation = operationDeprecation(
      operationOf(specWith({ deprecated: true, "x-deprecated-at": "2026-01-01", "x-sunset": "2026-12-31" })),
    );
    expect(deprecation).toEqual({
      deprecated: true,
      deprecatedAt: "2026-01-01",
      sunset: "2026-12-31",
      deprecationHeader: "@1767225600",
      sunsetHeader: "Thu, 31 Dec 2026 00:00:00 GMT",
    });
  });

  it("leaves an undated deprecation to the wrapper's `Deprecation: true`", () => {
    expect(operationDeprecation(operationOf(specWith({ deprecated: true })))).toEqual({ deprecated: true });
  });

  it("rejects malformed or inconsistent dates", () => {
    expect(() =>
      operationDeprecation(operationOf(specWith({ deprecated: true, "x-sunset": "next year" }))),
    ).toThrow(SpecError);
    expect(() => operationDeprecation(operationOf(specWith({ "x-deprecated-at": "2026-01-01" })))).toThrow(
      /needs deprecated: true/,
    );
    expect(() =>
      operationDeprecation(
        operationOf(
          specWith({ deprecated: true, "x-deprecated-at": "2026-06-01", "x-sunset": "2026-01-01" }),
        ),
      ),
    ).toThrow(/before x-deprecated-at/);
  });

  it("puts the header values into the generated operation spec only when dated", () => {
    const dated = specWith({ deprecated: true, "x-sunset": "2026-12-31T12:00:00Z" });
    const module = emitOperationModule(dated, operationOf(dated), "../runtime/index.js", "");
    expect(module).toContain('"sunsetHeader": "Thu, 31 Dec 2026 12:00:00 GMT"');
    expect(module).not.toContain("deprecationHeader");
    const plain = specWith({});
    expect(emitOperationModule(plain, operationOf(plain), "../runtime/index.js", "")).not.toMatch(/Header"/);
  });

  it("lists deprecated parameters and fields, and shows all of it in the docs", () => {
    const doc = specWith({ deprecated: true, "x-deprecated-at": "2026-01-01", "x-sunset": "2026-12-31" });
    expect(deprecatedFields(doc, operationOf(doc))).toEqual([
      "query parameter `sort`",
      "response 200 body `[].colour`",
    ]);
    // Redoc marks deprecated operations and fields, but not these dates: the reference gets them in Markdown.
    const note = deprecationNote(doc, operationOf(doc));
    expect(note).toContain("**Deprecated** since 2026-01-01");
    expect(note).toContain("**Sunset** 2026-12-31");
    expect(note).toContain("query parameter `sort`");
    expect(note).toContain("response 200 body `[].colour`");
    const plain = specWith({});
    expect(deprecationNote(plain, operationOf(plain))).toBe(
      "**Deprecated fields**: query parameter `sort`, response 200 body `[].colour`.",
    );
  });
});
