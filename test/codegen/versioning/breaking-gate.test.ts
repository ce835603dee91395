import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec, type OpenApiDocument, type SchemaObject } from "../../../codegen/spec.js";
import { type ApiHistory, readApiHistory } from "../../../codegen/versioning/api-history.js";
import { gateFailure } from "../../../codegen/versioning/breaking-gate.js";
import { planRelease } from "../../../codegen/versioning/release.js";
import { diffAgainstHistory } from "../../../codegen/versioning/version-diff.js";

const repoRoot = resolve(import.meta.dirname, "../../..");
const history = readApiHistory(resolve(repoRoot, "api-history"));
// Parsed once (YAML parsing dominates); each test edits its own copy.
const pristine = loadSpec(resolve(repoRoot, "openapi.yaml"));
const spec = () => structuredClone(pristine);

/** Renames a property of a component schema, as a careless edit to openapi.yaml would. */
function renameProperty(doc: OpenApiDocument, schema: string, from: string, to: string) {
  const target = doc.components!.schemas![schema] as SchemaObject & {
    properties: Record<string, SchemaObject>;
    required: string[];
  };
  target.properties[to] = target.properties[from]!;
  delete target.properties[from];
  target.required = target.required.map((name) => (name === from ? to : name));
  return doc;
}

describe("the breaking-change gate", () => {
  it("finds openapi.yaml compatible with every released snapshot in api-history/", () => {
    expect(history.size, "api-history/ holds no released version").toBeGreaterThan(0);
    const failure = gateFailure(diffAgainstHistory(spec(), history));
    if (failure) expect.fail(`${failure}\n\nInspect with \`npm run spec:diff\`.`);
  });

  // The tests below start from released contracts or look at v2 only, so while openapi.yaml itself
  // breaks v1, the test above is the one that fails.
  it("fails on a renamed v1 response field, naming the operation, the JSON pointer and the rule", () => {
    const releasedV1 = structuredClone(history.get("v1")!.at(-1)!.spec);
    const failure = gateFailure(
      diffAgainstHistory(renameProperty(releasedV1, "WineryV1", "name", "displayName"), history),
    );
    expect(failure).toBeDefined();
    expect(failure).toContain("getWineryV1 (GET /v1/wineries/{wineryId})");
    expect(failure).toContain("response-property-removed");
    expect(failure).toContain(
      "/paths/~1v1~1wineries~1{wineryId}/get/responses/200/content/application~1json/schema/properties/name",
    );
    expect(failure).toContain("#/components/schemas/WineryV1/properties/name");
    expect(failure).toContain("renamed to `displayName`?");
  });

  it("lets the same edit through in an unreleased version", () => {
    const unreleasedV2: ApiHistory = new Map([...history].filter(([version]) => version !== "v2"));
    const diffs = diffAgainstHistory(renameProperty(spec(), "WineryV2", "name", "displayName"), unreleasedV2);
    const v2 = diffs.filter((diff) => diff.apiVersion === "v2");
    expect(v2).toEqual([{ apiVersion: "v2", changes: [] }]);
    expect(gateFailure(v2)).toBeUndefined();
  });

  it("guards v2 the same way once it is released", () => {
    const released = planRelease({ doc: spec(), apiVersion: "v2", history, date: "2026-01-01" });
    const withV2: ApiHistory = new Map([...history, ["v2", [released.snapshot]]]);
    const diffs = diffAgainstHistory(renameProperty(spec(), "WineryV2", "name", "displayName"), withV2);
    const failure = gateFailure(diffs.filter((diff) => diff.apiVersion === "v2"));
    expect(failure).toContain("getWineryV2 (GET /v2/wineries/{wineryId})");
    expect(failure).toContain("response-property-removed");
  });
});
