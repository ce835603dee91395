import { describe, expect, it } from "vitest";
import {
  loadGatewayDefinition,
  renderGatewayDefinition,
} from "../../../infra/gateway/render-gateway-definition.js";
import { API_VERSIONS } from "../../../src/topology/topology.js";

const values = {
  region: "eu-west-1",
  accountId: "111111111111",
  userPoolId: "us-east-1_Pool",
  userPoolArn: "arn:aws:cognito-idp:us-east-1:111111111111:userpool/us-east-1_Pool",
  functionPrefix: "cellar",
};

describe("renderGatewayDefinition", () => {
  it.each(API_VERSIONS)("fills every placeholder of %s and drops the generator's marker", (version) => {
    const generated = loadGatewayDefinition(version);
    expect(JSON.stringify(generated)).toMatch(/\{\{(region|accountId|userPoolId)\}\}/);
    const rendered = renderGatewayDefinition(generated, values);
    const text = JSON.stringify(rendered);
    expect(text).not.toContain("{{");
    expect(rendered).not.toHaveProperty("x-generated");
    expect(text).toContain(
      `"uri":"arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:111111111111:function:cellar-ping${version.toUpperCase()}:\${stageVariables.alias}/invocations"`,
    );
    // CORS origins still come from the stage: the preflights' list, the gateway errors' first origin.
    expect(text).toContain("$!stageVariables.corsOrigins");
    expect(text).toContain('"stageVariables.corsOrigin"');
  });

  it("points the Cognito authorizer at the user pool's own ARN, in the pool's region", () => {
    const rendered = renderGatewayDefinition(loadGatewayDefinition("v1"), values) as {
      components: { securitySchemes: { cognito: Record<string, { providerARNs: string[] }> } };
    };
    expect(
      rendered.components.securitySchemes.cognito["x-amazon-apigateway-authorizer"]?.providerARNs,
    ).toEqual([values.userPoolArn]);
  });

  it("renames the integrated functions for another prefix", () => {
    const text = JSON.stringify(
      renderGatewayDefinition(loadGatewayDefinition("v2"), { ...values, functionPrefix: "cellar-stg" }),
    );
    expect(text).toContain(":function:cellar-stg-pingV2:");
    expect(text).not.toMatch(/:function:cellar-(?!stg-)/);
  });

  it("refuses a definition with a placeholder it does not know", () => {
    const definition = { openapi: "3.0.1", info: { title: "x", description: "{{stage}}" }, paths: {} };
    expect(() => renderGatewayDefinition(definition, values)).toThrow(
      "Unfilled gateway placeholders: {{stage}}",
    );
  });

  it("does not change the generated definition it was given", () => {
    const generated = loadGatewayDefinition("v1");
    const before = JSON.stringify(generated);
    renderGatewayDefinition(generated, values);
    expect(JSON.stringify(generated)).toBe(before);
  });
});
