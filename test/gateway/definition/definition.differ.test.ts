import { describe, expect, it } from "vitest";
import {
  diffDefinitions,
  diffIsEmpty,
  diffStages,
} from "../../../tools/gateway/definition/definition.differ.js";
import {
  comparableDefinition,
  normalizeDefinition,
} from "../../../tools/gateway/definition/definition.normalizer.js";

const uri = (name: string) =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${name}:\${stageVariables.alias}/invocations`;

function api(overrides: { getUri?: string; extraPath?: boolean; required?: boolean } = {}) {
  return {
    openapi: "3.0.1",
    info: { title: "cellar", version: "1" },
    servers: [{ url: "https://abc.execute-api.us-east-1.amazonaws.com/{basePath}" }],
    paths: {
      "/wineries": {
        get: {
          parameters: [
            { name: "lng", in: "query", required: overrides.required ?? true },
            { name: "lat", in: "query", required: true },
          ],
          responses: { "200": { description: "ok" } },
          "x-amazon-apigateway-integration": {
            type: "aws_proxy",
            httpMethod: "POST",
            uri: overrides.getUri ?? uri("cellar-listWineriesV1"),
          },
        },
      },
      ...(overrides.extraPath
        ? { "/ping": { get: { responses: {}, "x-amazon-apigateway-integration": { type: "mock" } } } }
        : {}),
    },
  };
}

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, item]) => [key, reverseKeys(item)]),
  );
}

describe("diffDefinitions", () => {
  it("finds nothing between two copies that differ only in key order, servers and title", () => {
    const reordered = reverseKeys(api()) as ReturnType<typeof api>;
    const retitled = { ...api(), info: { title: "Cellar API v1" }, servers: [] };
    expect(diffIsEmpty(diffDefinitions(comparableDefinition(api()), comparableDefinition(reordered)))).toBe(
      true,
    );
    expect(diffIsEmpty(diffDefinitions(comparableDefinition(api()), comparableDefinition(retitled)))).toBe(
      true,
    );
  });

  it("reports a changed integration with its old and new URI", () => {
    const diff = diffDefinitions(
      comparableDefinition(api()),
      comparableDefinition(api({ getUri: uri("cellar-listWineriesV1-old") })),
    );
    expect(diff.operations).toEqual([]);
    expect(diff.integrations).toHaveLength(1);
    expect(diff.integrations[0]).toMatchObject({ kind: "changed", subject: "GET /wineries" });
    expect(diff.integrations[0]?.details[0]).toMatch(
      /^uri: ".*cellar-listWineriesV1:.*" → ".*cellar-listWineriesV1-old:.*"$/,
    );
  });

  it("reports operations added and parameter changes by name", () => {
    const diff = diffDefinitions(
      comparableDefinition(api()),
      comparableDefinition(api({ extraPath: true, required: false })),
    );
    expect(diff.operations).toEqual([
      {
        kind: "changed",
        subject: "GET /wineries",
        details: ["parameters[query lng].required: true → false"],
      },
      { kind: "added", subject: "GET /ping", details: [] },
    ]);
  });
});

describe("normalizeDefinition", () => {
  it("sorts keys and parameters and drops servers and the codegen banner", () => {
    const normalized = normalizeDefinition({ "x-generated": "banner", ...api() });
    expect(Object.keys(normalized)).toEqual(["openapi", "info", "paths"]);
    const get = (normalized.paths as Record<string, { get: { parameters: Array<{ name: string }> } }>)[
      "/wineries"
    ]?.get;
    expect(get?.parameters.map((parameter) => parameter.name)).toEqual(["lat", "lng"]);
    expect(Object.keys(get ?? {})).toEqual(["parameters", "responses", "x-amazon-apigateway-integration"]);
  });
});

describe("diffStages", () => {
  it("reports stage variables and canaries", () => {
    const entries = diffStages(
      { variables: { alias: "v1", corsOrigin: "https://a" } },
      {
        variables: { alias: "v9" },
        canary: { percentTraffic: 10, stageVariableOverrides: { alias: "v1-canary" } },
      },
    );
    expect(entries.map((entry) => `${entry.kind} ${entry.subject}`)).toEqual([
      "changed stage variable alias",
      "removed stage variable corsOrigin",
      "added canary",
    ]);
    expect(entries[0]?.details).toEqual(['"v1" → "v9"']);
  });
});
