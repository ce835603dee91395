import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { OpenApiDocument } from "../../../codegen/spec.js";
import { diffVersion } from "../../../codegen/versioning/diff-specs.js";
import { RULES, type RuleId } from "../../../codegen/versioning/rule-catalog.js";

/**
 * One fixture per breaking rule (fixtures/rules/<name>.yaml): a `before` spec, a `breaking` variant
 * that must be classified as exactly that rule at that pointer, and non-breaking variants that must
 * not be breaking and must show the rules they name (`[]`: no change at all).
 */
interface PartialSpec {
  paths: OpenApiDocument["paths"];
  components?: OpenApiDocument["components"];
}
interface Fixture {
  before: PartialSpec;
  breaking: { rule: RuleId; pointer: string; source?: string; after: PartialSpec };
  nonBreaking: Array<{ rules: RuleId[]; before?: PartialSpec; after: PartialSpec }>;
}

const folder = join(import.meta.dirname, "../../../codegen/versioning/fixtures", "rules");
const fixtures = readdirSync(folder)
  .filter((file) => file.endsWith(".yaml"))
  .sort()
  .map((file) => ({
    name: file.replace(/\.yaml$/, ""),
    ...(parse(readFileSync(join(folder, file), "utf8")) as Fixture),
  }));

const spec = (partial: PartialSpec): OpenApiDocument => ({
  openapi: "3.0.3",
  info: { title: "fixture", version: "1.0.0" },
  ...partial,
});

describe.each(fixtures)("rule fixture $name", (fixture) => {
  it(`classifies the breaking variant as ${fixture.breaking.rule} at its pointer`, () => {
    const changes = diffVersion(spec(fixture.before), spec(fixture.breaking.after), "v1");
    const breaking = changes.filter((change) => change.level === "breaking");
    expect(breaking.map((change) => change.rule)).toEqual([fixture.breaking.rule]);
    expect(breaking[0]!.pointer).toBe(fixture.breaking.pointer);
    if (fixture.breaking.source) expect(breaking[0]!.source).toBe(fixture.breaking.source);
    expect(breaking[0]!.message).not.toBe("");
  });

  it.each(
    fixture.nonBreaking.map((variant) => ({ ...variant, label: variant.rules.join(", ") || "no change" })),
  )("finds no breaking change in the non-breaking variant ($label)", (variant) => {
    const changes = diffVersion(spec(variant.before ?? fixture.before), spec(variant.after), "v1");
    expect(changes.filter((change) => change.level === "breaking")).toEqual([]);
    if (variant.rules.length === 0) expect(changes).toEqual([]);
    expect([...new Set(changes.map((change) => change.rule))].sort()).toEqual(
      expect.arrayContaining(variant.rules),
    );
    for (const rule of variant.rules) expect(RULES[rule], rule).toBeDefined();
  });
});

describe("the rule catalog", () => {
  it("has a fixture for every rule, breaking or not", () => {
    const covered = new Set(
      fixtures.flatMap((fixture) => [
        fixture.breaking.rule,
        ...fixture.nonBreaking.flatMap((variant) => variant.rules),
      ]),
    );
    expect(Object.keys(RULES).filter((rule) => !covered.has(rule as RuleId))).toEqual([]);
  });
});

describe("the classifier on edge cases", () => {
  const thing = (schema: Record<string, unknown>): OpenApiDocument =>
    spec({
      components: { schemas: { Node: schema } },
      paths: {
        "/v1/nodes": {
          get: {
            operationId: "getNode",
            responses: {
              "200": {
                description: "ok",
                content: { "application/json": { schema: { $ref: "#/components/schemas/Node" } } },
              },
            },
          },
        },
      },
    });

  it("terminates on recursive schemas and still sees changes inside them", () => {
    const node = (childType: string) => ({
      type: "object",
      required: ["value"],
      properties: {
        value: { type: childType },
        children: { type: "array", items: { $ref: "#/components/schemas/Node" } },
      },
    });
    const changes = diffVersion(thing(node("string")), thing(node("integer")), "v1");
    expect(changes.map((change) => change.rule)).toEqual(["response-type-changed"]);
  });

  it("ignores other versions: a v2 change is not a v1 change", () => {
    const before = spec({
      paths: { "/v2/things": { get: { responses: { "200": { description: "ok" } } } } },
    });
    const after = spec({ paths: {} });
    expect(diffVersion(before, after, "v1")).toEqual([]);
    expect(diffVersion(before, after, "v2").map((change) => change.rule)).toEqual(["path-removed"]);
  });
});
