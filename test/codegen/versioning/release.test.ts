import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { changelogMarkdown } from "../../../codegen/docs/changelog.js";
import { collectOperations } from "../../../codegen/operations.js";
import { loadSpec, type SchemaObject } from "../../../codegen/spec.js";
import {
  type ApiHistory,
  parseSnapshot,
  readApiHistory,
  serializeSnapshot,
} from "../../../codegen/versioning/api-history.js";
import { planRelease, ReleaseError } from "../../../codegen/versioning/release.js";
import {
  hasChangelogEntry,
  insertChangelogSection,
  renderChangelogSection,
} from "../../../codegen/versioning/render-changelog.js";

const repoRoot = resolve(import.meta.dirname, "../../..");
// The first v1 snapshot never changes, so these tests do not move with openapi.yaml.
const frozen = readApiHistory(resolve(repoRoot, "api-history")).get("v1")![0]!.spec;
const spec = () => structuredClone(frozen);
const empty: ApiHistory = new Map();

function firstRelease() {
  const plan = planRelease({
    doc: spec(),
    apiVersion: "v1",
    history: empty,
    date: "2026-01-01",
    sdkVersion: "1.0.0",
  });
  if (plan.kind !== "new") throw new Error("expected a new release");
  return plan.snapshot;
}

/** The spec with one new optional v1 response field, and info.version set. */
function withVintage(infoVersion: string) {
  const doc = spec();
  (doc.components!.schemas!.WineryV1 as { properties: Record<string, SchemaObject> }).properties.vintage = {
    type: "integer",
    description: "Year of the oldest bottle.",
  };
  doc.info.version = infoVersion;
  return doc;
}

describe("planRelease", () => {
  it("freezes only the version's paths and the components they reference", () => {
    const doc = loadSpec(resolve(repoRoot, "openapi.yaml"));
    const plan = planRelease({
      doc,
      apiVersion: "v1",
      history: empty,
      date: "2026-01-01",
      sdkVersion: "1.0.0",
    });
    const { snapshot } = plan;
    expect(Object.keys(snapshot.spec.paths).every((path) => path.startsWith("/v1/"))).toBe(true);
    expect(Object.keys(snapshot.spec.components!.schemas!)).toContain("WineryV1");
    expect(Object.keys(snapshot.spec.components!.schemas!)).not.toContain("WineryV2");
    expect(Object.keys(snapshot.spec.components!.securitySchemes!)).toEqual(["cognito"]);
    expect(snapshot).toMatchObject({
      apiVersion: "v1",
      version: doc.info.version,
      sdkVersion: "1.0.0",
      changes: [],
    });
    expect(snapshot.summary).toMatch(/^First release of v1: \d+ operations\.$/);
  });

  it("writes snapshots as biome formats them, and reads them back", () => {
    const snapshot = firstRelease();
    const text = serializeSnapshot(snapshot);
    expect(parseSnapshot(text, "v1/1.0.0.json")).toEqual(snapshot);
    const biome = resolve(repoRoot, "node_modules/.bin/biome");
    const formatted = execFileSync(biome, ["format", "--stdin-file-path=snapshot.json"], {
      input: text,
      encoding: "utf8",
    });
    expect(formatted).toBe(text);
  });

  it("has nothing to release when the contract equals the latest snapshot", () => {
    const history: ApiHistory = new Map([["v1", [firstRelease()]]]);
    expect(planRelease({ doc: spec(), apiVersion: "v1", history, date: "2026-02-01" }).kind).toBe(
      "unchanged",
    );
  });

  it("asks for a higher info.version when the contract grew", () => {
    const history: ApiHistory = new Map([["v1", [firstRelease()]]]);
    expect(() =>
      planRelease({ doc: withVintage("1.0.0"), apiVersion: "v1", history, date: "2026-02-01" }),
    ).toThrow(/set info.version in openapi.yaml to 1\.1\.0/);
    expect(() =>
      planRelease({ doc: withVintage("1.0.1"), apiVersion: "v1", history, date: "2026-02-01" }),
    ).toThrow(ReleaseError);
  });

  it("records additive changes and bumps the SDK minor version", () => {
    const history: ApiHistory = new Map([["v1", [firstRelease()]]]);
    const plan = planRelease({
      doc: withVintage("1.1.0"),
      apiVersion: "v1",
      history,
      date: "2026-02-01",
      sdkVersion: "1.0.0",
    });
    expect(plan.kind).toBe("new");
    if (plan.kind !== "new") return;
    expect(plan.file).toBe("v1/1.1.0.json");
    expect(plan.sdkBumped).toBe(true);
    expect(plan.snapshot.sdkVersion).toBe("1.1.0");
    expect(new Set(plan.snapshot.changes.map((change) => change.rule))).toEqual(
      new Set(["response-property-added"]),
    );
    expect(plan.snapshot.changes.map((change) => change.operationId)).toContain("getWineryV1");
  });

  it("refuses to release a breaking change to a released version", () => {
    const history: ApiHistory = new Map([["v1", [firstRelease()]]]);
    const doc = spec();
    doc.info.version = "2.0.0";
    (doc.components!.schemas!.WineryV1 as { required: string[] }).required.pop();
    expect(() => planRelease({ doc, apiVersion: "v1", history, date: "2026-02-01" })).toThrow(
      /may only grow.*\n.*response-property-made-optional/,
    );
  });
});

describe("the SDK changelog", () => {
  const additive = () => {
    const history: ApiHistory = new Map([["v1", [firstRelease()]]]);
    const plan = planRelease({
      doc: withVintage("1.1.0"),
      apiVersion: "v1",
      history,
      date: "2026-02-01",
      sdkVersion: "1.0.0",
    });
    return plan.snapshot;
  };

  it("renders a release's changes under Keep a Changelog headings", () => {
    const section = renderChangelogSection(additive());
    expect(section).toMatch(/^### API v1 1\.1\.0\n/);
    expect(section).toContain("#### Added");
    expect(section).toContain(
      "- `getWineryV1` (`GET /v1/wineries/{wineryId}`): response 200 body: property `vintage` added",
    );
    expect(section).not.toContain("#### Breaking");
  });

  it("adds a new SDK version above the previous entries, and a second API version into the same entry", () => {
    const existing = "# Changelog\n\nIntro.\n\n## 1.0.0\n\nFirst release.\n";
    const once = insertChangelogSection(existing, "1.1.0", "2026-02-01", "### API v1 1.1.0\n\nv1 grew.\n");
    expect(once).toBe(
      "# Changelog\n\nIntro.\n\n## 1.1.0 — 2026-02-01\n\n### API v1 1.1.0\n\nv1 grew.\n\n## 1.0.0\n\nFirst release.\n",
    );
    const twice = insertChangelogSection(once, "1.1.0", "2026-02-01", "### API v2 1.1.0\n\nv2 grew.\n");
    expect(twice).toContain("v1 grew.\n\n### API v2 1.1.0\n\nv2 grew.\n\n## 1.0.0");
    expect(hasChangelogEntry(twice, "1.1.0")).toBe(true);
    expect(hasChangelogEntry(twice, "1.2.0")).toBe(false);
  });
});

describe("the docs' changelog", () => {
  it("lists each release and the unreleased changes since the last one", () => {
    const history: ApiHistory = new Map([["v1", [firstRelease()]]]);
    const doc = withVintage("1.0.0");
    const markdown = changelogMarkdown(doc, collectOperations(doc), history);
    expect(markdown).toContain("\n## v1\n");
    expect(markdown).toContain("\n### 1.0.0 — 2026-01-01\n");
    expect(markdown).toContain("\n### Unreleased\n");
    expect(markdown).toContain("property `vintage` added");
    expect(changelogMarkdown(doc, collectOperations(doc), empty)).toContain("Not released yet");
  });
});
