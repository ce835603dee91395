import { describe, expect, it } from "vitest";
import { ENDPOINT_CONFIGURATION_EXTENSION } from "../../infra/gateway/custom-domains-only.js";
import { synthTestApp } from "../../infra/testing/test-app.js";

interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
}

describe("the APIs answer on their custom domains only", () => {
  const app = synthTestApp();
  const templates = [app.stacks.identity, app.stacks.site, ...app.stacks.regions].map((stack) => ({
    name: stack.stackName,
    json: app.template(stack).toJSON() as {
      Resources: Record<string, Resource>;
      Outputs?: Record<string, unknown>;
    },
  }));
  const restApis = templates.flatMap(({ json }) =>
    Object.values(json.Resources).filter((resource) => resource.Type === "AWS::ApiGateway::RestApi"),
  );

  it("turns execute-api off on the RestApi and, as AWS reads it from an OpenAPI 3 body, under every server", () => {
    expect(restApis.length).toBeGreaterThanOrEqual(4);
    for (const api of restApis) {
      expect(api.Properties.DisableExecuteApiEndpoint).toBe(true);
      const servers = (api.Properties.Body as { servers: Record<string, unknown>[] }).servers;
      expect(servers.length).toBeGreaterThan(0);
      for (const server of servers) {
        expect(server[ENDPOINT_CONFIGURATION_EXTENSION]).toEqual({ disableExecuteApiEndpoint: true });
      }
    }
  });

  it("advertises no execute-api address in any stack output", () => {
    for (const { name, json } of templates) {
      expect(JSON.stringify(json.Outputs ?? {}), name).not.toContain("execute-api");
    }
  });
});
