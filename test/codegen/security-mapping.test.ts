import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { emitGatewayDefinition } from "../../codegen/emit-gateway.js";
import { generate } from "../../codegen/generate.js";
import { collectOperations, isSecured, requiresApiKey, securityWarnings } from "../../codegen/operations.js";
import { loadSpec } from "../../codegen/spec.js";

const repoRoot = resolve(import.meta.dirname, "../..");
const spec = loadSpec(resolve(repoRoot, "codegen/fixtures/security-schemes.yaml"));
const operations = collectOperations(spec);
const byId = (id: string) => operations.find((operation) => operation.operationId === id)!;
const definition = emitGatewayDefinition(spec, "v1", operations, {
  functionPrefix: "fx-",
  generatedFrom: "security-schemes.yaml",
}) as {
  paths: Record<string, Record<string, { security?: unknown }>>;
  components: { securitySchemes: Record<string, unknown> };
  "x-amazon-apigateway-api-key-source"?: string;
};

describe("security scheme mapping onto API Gateway", () => {
  // operationId -> [needs a signed-in user, needs an API key, the gateway method's security]
  const mapped: Array<[string, boolean, boolean, unknown]> = [
    ["getPublic", false, false, []],
    ["getBearer", true, false, [{ cognito: [] }]],
    ["getOauth2", true, false, [{ cognito: [] }]],
    ["getOidc", true, false, [{ cognito: [] }]],
    ["getHeaderKey", false, true, [{ api_key: [] }]],
    ["getBearerAndKey", true, true, [{ cognito: [], api_key: [] }]],
  ];
  it.each(mapped)("maps %s (user %s, key %s)", (id, user, key, security) => {
    expect(isSecured(byId(id))).toBe(user);
    expect(requiresApiKey(byId(id))).toBe(key);
    const path = byId(id).relativePath;
    expect(definition.paths[path]?.get?.security).toEqual(security);
  });

  const refused: Array<[string, RegExp]> = [
    ["getQueryKey", /apiKey in query "api_key".*x-api-key header only/],
    ["getCookieKey", /apiKey in cookie/],
    ["getOtherHeaderKey", /apiKey in header "X-Partner-Token"/],
    ["getBasic", /http basic/],
    ["getMutualTls", /mutualTLS/],
    ["getAlternatives", /alternative security requirements/],
    ["getOptional", /optional security/],
    ["getUndeclared", /"nowhere" is not declared/],
  ];
  it.each(refused)("leaves %s out of the gateway and says why", (id, reason) => {
    const operation = byId(id);
    expect(definition.paths[operation.relativePath]).toBeUndefined();
    const warning = securityWarnings(operations).find((line) => line.startsWith(`${id} `));
    expect(warning).toMatch(reason);
    expect(warning).toContain(`GET ${operation.path}`);
    // The handler wrapper still fails closed: a caller must sign in.
    expect(isSecured(operation)).toBe(true);
  });

  it("declares the api_key scheme and the HEADER key source only where a method needs a key", () => {
    expect(definition["x-amazon-apigateway-api-key-source"]).toBe("HEADER");
    expect(definition.components.securitySchemes.api_key).toEqual({
      type: "apiKey",
      name: "x-api-key",
      in: "header",
    });
    const keyless = operations.filter((operation) => operation.operationId === "getBearer");
    const plain = emitGatewayDefinition(spec, "v1", keyless, {
      functionPrefix: "fx-",
      generatedFrom: "x",
    }) as {
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(plain).not.toHaveProperty("x-amazon-apigateway-api-key-source");
    expect(Object.keys(plain.components.securitySchemes)).toEqual(["cognito"]);
  });

  it("generates everything else, and returns one warning per refused operation", async () => {
    const output = await generate(spec, {
      specName: "security-schemes.yaml",
      outDir: resolve(repoRoot, ".tmp-security-fixture"),
    });
    expect(output.warnings).toHaveLength(refused.length);
    expect([...output.files.keys()].some((file) => file.includes("getQueryKey"))).toBe(true);
  });

  it("maps the real spec: a key on every /v2 operation but ping, none on /v1", () => {
    const real = collectOperations(loadSpec(resolve(repoRoot, "openapi.yaml")));
    expect(securityWarnings(real)).toEqual([]);
    for (const operation of real)
      expect(requiresApiKey(operation), operation.operationId).toBe(
        operation.version === "v2" && operation.operationId !== "pingV2",
      );
  });
});
