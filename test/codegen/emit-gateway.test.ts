import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { emitGatewayDefinition } from "../../codegen/emit-gateway.js";
import { collectOperations } from "../../codegen/operations.js";
import { loadSpec } from "../../codegen/spec.js";

const spec = loadSpec(resolve(import.meta.dirname, "../../openapi.yaml"));
const operations = collectOperations(spec);
const definition = (version: string) =>
  emitGatewayDefinition(
    spec,
    version,
    operations.filter((operation) => operation.version === version),
    { functionPrefix: "cellar-", generatedFrom: "openapi.yaml" },
  ) as {
    openapi: string;
    paths: Record<string, Record<string, Record<string, unknown>>>;
    components: {
      schemas: Record<string, unknown>;
      securitySchemes: Record<string, Record<string, unknown>>;
    };
  };

describe("API Gateway definitions", () => {
  const v1 = definition("v1");
  const v2 = definition("v2");

  it("is OpenAPI 3.0 with paths relative to the version's base path", () => {
    expect(v1.openapi).toMatch(/^3\.0\./);
    expect(Object.keys(v1.paths)).toContain("/wineries/{wineryId}");
    expect(Object.keys(v1.paths).every((path) => !path.startsWith("/v1"))).toBe(true);
    expect(v1.paths["/me"]).toBeUndefined();
    expect(v2.paths["/me"]?.get?.operationId).toBe("getMeV2");
  });

  it("integrates each operation with its Lambda function through the alias stage variable, region and account left as placeholders", () => {
    const integration = v1.paths["/wineries/{wineryId}"]!.get!["x-amazon-apigateway-integration"];
    expect(integration).toMatchObject({ type: "aws_proxy", httpMethod: "POST" });
    const alias = ["$", "{stageVariables.alias}"].join("");
    expect((integration as { uri: string }).uri).toBe(
      `arn:aws:apigateway:{{region}}:lambda:path/2015-03-31/functions/arn:aws:lambda:{{region}}:{{accountId}}:function:cellar-getWineryV1:${alias}/invocations`,
    );
  });

  it("protects secured operations with the Cognito user pool authorizer and marks public ones open explicitly", () => {
    expect(v1.paths["/wineries"]!.post!.security).toEqual([{ cognito: [] }]);
    // No root-level default exists: an operation without `security` is not valid for linters or importers.
    expect(v1.paths["/wineries"]!.get!.security).toEqual([]);
    expect(v1.paths["/wineries"]!.options!.security).toEqual([]);
    expect(v1).not.toHaveProperty("security");
    for (const definition of [v1, v2]) {
      for (const [path, item] of Object.entries(definition.paths)) {
        for (const [method, operation] of Object.entries(item)) {
          expect(operation.security, `${method.toUpperCase()} ${path}`).toBeDefined();
        }
      }
    }
    expect(v1.components.securitySchemes.cognito).toMatchObject({
      "x-amazon-apigateway-authtype": "cognito_user_pools",
      "x-amazon-apigateway-authorizer": {
        providerARNs: ["arn:aws:cognito-idp:{{region}}:{{accountId}}:userpool/{{userPoolId}}"],
      },
    });
  });

  it("declares a templated path's parameters on every operation of the path, CORS preflights included", () => {
    expect(v2.paths["/wineries/{wineryId}/reviews/{reviewId}"]!.options!.parameters).toEqual([
      { name: "wineryId", in: "path", required: true, schema: { type: "string" } },
      { name: "reviewId", in: "path", required: true, schema: { type: "string" } },
    ]);
    expect(v2.paths["/wineries"]!.options).not.toHaveProperty("parameters");
    for (const definition of [v1, v2]) {
      for (const [path, item] of Object.entries(definition.paths)) {
        const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
        for (const [method, operation] of Object.entries(item)) {
          const declared = ((operation.parameters ?? []) as Array<{ name: string; in: string }>)
            .filter((parameter) => parameter.in === "path")
            .map((parameter) => parameter.name)
            .sort();
          expect(declared, `${method.toUpperCase()} ${path}`).toEqual(templated);
        }
      }
    }
  });

  it("answers CORS preflights with a mock integration and declares request validators", () => {
    const options = v2.paths["/wineries/{wineryId}"]!.options!;
    expect((options["x-amazon-apigateway-integration"] as { type: string }).type).toBe("mock");
    expect(JSON.stringify(options)).toContain("'DELETE,GET,OPTIONS,PATCH'");
    expect(v1.paths["/ping"]!.get!["x-amazon-apigateway-request-validator"]).toBe("params-only");
  });

  it("carries only the schemas a version uses, without OpenAPI-only annotations", () => {
    expect(Object.keys(v1.components.schemas)).toContain("WineryV1");
    expect(Object.keys(v1.components.schemas)).not.toContain("WineryV2");
    expect(JSON.stringify(v1)).not.toContain('"example"');
  });
});
