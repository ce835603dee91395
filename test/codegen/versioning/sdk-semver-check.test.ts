import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../../codegen/spec.js";
import { loadSpec } from "../../../codegen/spec.js";
import { type ApiHistory, readApiHistory, type Snapshot } from "../../../codegen/versioning/api-history.js";
import { readSdkFiles } from "../../../codegen/versioning/sdk-files.js";
import { checkSdkSemver } from "../../../codegen/versioning/sdk-semver-check.js";
import { diffAgainstHistory } from "../../../codegen/versioning/version-diff.js";

const repoRoot = resolve(import.meta.dirname, "../../..");

describe("@cellar/sdk semver on this repository", () => {
  it("has sdk/package.json and sdk/CHANGELOG.md in step with the API changes since each release", () => {
    const history = readApiHistory(resolve(repoRoot, "api-history"));
    const diffs = diffAgainstHistory(loadSpec(resolve(repoRoot, "openapi.yaml")), history);
    const result = checkSdkSemver(diffs, history, readSdkFiles(resolve(repoRoot, "sdk")));
    // A missing SDK file is reported, not failed: the SDK package may not exist yet.
    for (const note of result.skipped) console.warn(`SDK semver check skipped: ${note}`);
    expect(result.problems).toEqual([]);
  });
});

const thing = (properties: Record<string, unknown>, required: string[] = ["id"]): OpenApiDocument => ({
  openapi: "3.0.3",
  info: { title: "t", version: "1.0.0" },
  paths: {
    "/v1/things": {
      get: {
        operationId: "listThings",
        responses: {
          "200": {
            description: "ok",
            content: { "application/json": { schema: { type: "object", required, properties } } },
          },
        },
      },
    },
  },
});
const released = thing({ id: { type: "string" } });
const snapshot = (sdkVersion: string | null): Snapshot => ({
  apiVersion: "v1",
  version: "1.0.0",
  releasedAt: "2026-01-01",
  summary: "",
  sdkVersion,
  changes: [],
  spec: released,
});
const historyOf = (sdkVersion: string | null): ApiHistory => new Map([["v1", [snapshot(sdkVersion)]]]);
const packageJson = (version: string) => JSON.stringify({ name: "@cellar/sdk", version });
const changelog = "# Changelog\n\n## 1.0.0\n\nFirst release.\n";

function check(current: OpenApiDocument, version: string | undefined, history = historyOf("1.0.0")) {
  return checkSdkSemver(diffAgainstHistory(current, history), history, {
    packageJson: version === undefined ? undefined : packageJson(version),
    changelog,
  });
}

describe("checkSdkSemver", () => {
  it("needs nothing while the contract is unchanged", () => {
    expect(check(released, "1.0.0")).toEqual({ problems: [], skipped: [] });
  });

  it("needs a minor bump for an additive change", () => {
    const additive = thing({ id: { type: "string" }, vintage: { type: "integer" } });
    expect(check(additive, "1.0.0").problems).toEqual([
      expect.stringMatching(/version 1\.0\.0 is behind the API: v1 has additive changes .* at least 1\.1\.0/),
    ]);
    expect(check(additive, "1.1.0").problems).toEqual([]);
    expect(check(additive, "2.0.0").problems).toEqual([]);
  });

  it("needs a major bump for a breaking change", () => {
    const breaking = thing({ id: { type: "integer" } });
    expect(check(breaking, "1.1.0").problems).toEqual([expect.stringContaining("at least 2.0.0")]);
    expect(check(breaking, "2.0.0").problems).toEqual([]);
  });

  it("does not force a release for documentation-only changes", () => {
    const documented = thing({ id: { type: "string", description: "The id." } });
    expect(check(documented, "1.0.0").problems).toEqual([]);
  });

  it("refuses an SDK version older than the one a release shipped", () => {
    expect(check(released, "0.9.0").problems).toEqual([expect.stringContaining("at least 1.0.0")]);
  });

  it("skips, saying why, when sdk/package.json is missing or a snapshot predates the SDK", () => {
    expect(check(released, undefined).skipped).toEqual([
      expect.stringContaining("sdk/package.json not found"),
    ]);
    expect(check(released, "1.0.0", historyOf(null)).skipped).toEqual([
      expect.stringContaining("records no SDK version"),
    ]);
  });

  it("requires a CHANGELOG entry for every SDK version a release recorded, skipping when the file is missing", () => {
    const history = historyOf("1.1.0");
    const diffs = diffAgainstHistory(released, history);
    expect(checkSdkSemver(diffs, history, { packageJson: packageJson("1.1.0"), changelog }).problems).toEqual(
      [expect.stringContaining('no "## 1.1.0" entry')],
    );
    expect(checkSdkSemver(diffs, history, { packageJson: packageJson("1.1.0") }).skipped).toEqual([
      expect.stringContaining("sdk/CHANGELOG.md not found"),
    ]);
  });
});
