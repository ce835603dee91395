import {
  APIGatewayClient,
  BadRequestException,
  CreateDeploymentCommand,
  GetExportCommand,
  GetRestApisCommand,
  GetStageCommand,
  ImportRestApiCommand,
  NotFoundException,
  PutRestApiCommand,
  UpdateStageCommand,
} from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_CREDENTIALS } from "../../../tools/gateway/testing/cli.harness.js";
import { type GatewayStandIn, startGatewayStandIn } from "../../../tools/gateway/testing/stand-in.server.js";

let standIn: GatewayStandIn;
const clients = new Map<string, APIGatewayClient>();

function client(region: string): APIGatewayClient {
  let existing = clients.get(region);
  if (!existing) {
    existing = new APIGatewayClient({
      region,
      endpoint: standIn.url,
      credentials: TEST_CREDENTIALS,
      maxAttempts: 3,
    });
    clients.set(region, existing);
  }
  return existing;
}

const body = (document: unknown) => new TextEncoder().encode(JSON.stringify(document));
const uri = (region: string) =>
  `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${region}:123456789012:function:cellar-pingV1:\${stageVariables.alias}/invocations`;

function definition(region: string, extra: Record<string, unknown> = {}) {
  return {
    openapi: "3.0.1",
    info: { title: "ping-api", version: "1.0.0" },
    paths: {
      "/ping": {
        get: {
          responses: { "200": { description: "ok" } },
          "x-amazon-apigateway-integration": { type: "aws_proxy", httpMethod: "POST", uri: uri(region) },
          ...extra,
        },
      },
    },
  };
}

beforeAll(async () => {
  standIn = await startGatewayStandIn();
});
afterAll(async () => {
  for (const item of clients.values()) item.destroy();
  await standIn.close();
});

describe("the API Gateway stand-in, through the real SDK", () => {
  it("imports, deploys, exports and patches stages, per region", async () => {
    const east = client("us-east-1");
    const imported = await east.send(
      new ImportRestApiCommand({ body: body(definition("us-east-1")), failOnWarnings: true }),
    );
    expect(imported).toMatchObject({ name: "ping-api", version: "1.0.0" });
    expect(imported.createdDate).toBeInstanceOf(Date);
    const restApiId = imported.id!;

    const deployment = await east.send(
      new CreateDeploymentCommand({ restApiId, stageName: "prodv1", variables: { alias: "v1" } }),
    );
    const stage = await east.send(new GetStageCommand({ restApiId, stageName: "prodv1" }));
    expect(stage).toMatchObject({
      deploymentId: deployment.id,
      stageName: "prodv1",
      variables: { alias: "v1" },
    });

    const exported = await east.send(
      new GetExportCommand({
        restApiId,
        stageName: "prodv1",
        exportType: "oas30",
        accepts: "application/json",
        parameters: { extensions: "integrations,authorizers" },
      }),
    );
    const document = JSON.parse(new TextDecoder().decode(exported.body));
    expect(document.info.title).toBe("ping-api");
    expect(document.servers[0].url).toBe(
      `https://${restApiId}.execute-api.us-east-1.amazonaws.com/{basePath}`,
    );
    expect(document.paths["/ping"].get["x-amazon-apigateway-integration"].uri).toBe(uri("us-east-1"));

    const patched = await east.send(
      new UpdateStageCommand({
        restApiId,
        stageName: "prodv1",
        patchOperations: [
          { op: "replace", path: "/variables/alias", value: "v1b" },
          { op: "replace", path: "/canarySettings/percentTraffic", value: "12.5" },
        ],
      }),
    );
    expect(patched.variables).toEqual({ alias: "v1b" });
    expect(patched.canarySettings).toEqual({
      deploymentId: deployment.id,
      percentTraffic: 12.5,
      stageVariableOverrides: {},
      useStageCache: false,
    });

    const west = await client("us-west-2").send(new GetRestApisCommand({}));
    expect(west.items ?? []).toEqual([]);
  });

  it("exports the stage's deployment, not the API's latest definition", async () => {
    const east = client("us-east-1");
    const { id: restApiId } = await east.send(
      new ImportRestApiCommand({ body: body(definition("us-east-1")) }),
    );
    await east.send(new CreateDeploymentCommand({ restApiId: restApiId!, stageName: "prodv1" }));
    const changed = definition("us-east-1", { summary: "changed after the deployment" });
    await east.send(new PutRestApiCommand({ restApiId: restApiId!, body: body(changed), mode: "overwrite" }));
    const exported = await east.send(
      new GetExportCommand({ restApiId: restApiId!, stageName: "prodv1", exportType: "oas30" }),
    );
    expect(new TextDecoder().decode(exported.body)).not.toContain("changed after the deployment");
  });

  it("pages GetRestApis with position", async () => {
    const region = "ap-southeast-2";
    for (const index of [1, 2, 3]) {
      await client(region).send(
        new ImportRestApiCommand({ body: body({ ...definition(region), info: { title: `api-${index}` } }) }),
      );
    }
    const first = await client(region).send(new GetRestApisCommand({ limit: 2 }));
    expect(first.items?.map((api) => api.name)).toEqual(["api-1", "api-2"]);
    const second = await client(region).send(new GetRestApisCommand({ limit: 2, position: first.position! }));
    expect(second.items?.map((api) => api.name)).toEqual(["api-3"]);
    expect(second.position).toBeUndefined();
  });

  it("rejects an integration URI for another region or with a placeholder left, whatever failonwarnings says", async () => {
    const attempt = (document: unknown) =>
      client("us-west-2").send(new ImportRestApiCommand({ body: body(document), failOnWarnings: false }));
    await expect(attempt(definition("us-east-1"))).rejects.toThrow(
      /Errors found during import:\n\tUnable to put integration on 'GET' for resource at path '\/ping': Invalid ARN .* targets us-east-1, but this API is in us-west-2/,
    );
    await expect(attempt(definition("{{region}}"))).rejects.toBeInstanceOf(BadRequestException);
    await expect(attempt({ ...definition("us-west-2"), openapi: "3.1.0" })).rejects.toThrow(
      /Unsupported OpenAPI version/,
    );
  });

  it("accepts a Cognito authorizer trusting a pool in another region (or cognito-local's), and rejects ARNs that name no pool", async () => {
    const withPool = (arn: string) => ({
      ...definition("eu-west-1", { security: [{ cognito: [] }] }),
      components: {
        securitySchemes: {
          cognito: {
            type: "apiKey",
            name: "Authorization",
            in: "header",
            "x-amazon-apigateway-authtype": "cognito_user_pools",
            "x-amazon-apigateway-authorizer": { type: "cognito_user_pools", providerARNs: [arn] },
          },
        },
      },
    });
    const attempt = (arn: string) =>
      client("eu-west-1").send(new ImportRestApiCommand({ body: body(withPool(arn)), failOnWarnings: true }));
    await expect(
      attempt("arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Home"),
    ).resolves.toMatchObject({ name: "ping-api" });
    await expect(attempt("arn:aws:cognito-idp:local:local:userpool/local_AbC123")).resolves.toMatchObject({
      name: "ping-api",
    });
    await expect(
      attempt("arn:aws:cognito-idp:eu-west-1:123456789012:userpool/us-east-1_Home"),
    ).rejects.toThrow(
      /Unable to create authorizer 'cognito': Invalid ARN specified in the request: .*not the region of pool us-east-1_Home/,
    );
    await expect(attempt("arn:aws:cognito-idp:us-east-1:local:userpool/us-east-1_Home")).rejects.toThrow(
      /Invalid ARN specified in the request/,
    );
    await expect(attempt("us-east-1_Home")).rejects.toBeInstanceOf(BadRequestException);
  });

  it("fails on warnings only when failonwarnings=true, and returns them otherwise", async () => {
    const dangling = definition("eu-west-1", {
      responses: {
        "200": {
          description: "ok",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Gone" } } },
        },
      },
    });
    const east = client("eu-west-1");
    await expect(
      east.send(new ImportRestApiCommand({ body: body(dangling), failOnWarnings: true })),
    ).rejects.toThrow(
      /^Warnings found during import:\n\tParse issue: attribute .*#\/components\/schemas\/Gone is missing$/,
    );
    const imported = await east.send(
      new ImportRestApiCommand({ body: body(dangling), failOnWarnings: false }),
    );
    expect(imported.warnings).toEqual([expect.stringMatching(/Parse issue: .*Gone is missing/)]);
  });

  it("answers unknown ids with NotFoundException through x-amzn-ErrorType", async () => {
    const failure = await client("us-east-1")
      .send(new GetStageCommand({ restApiId: "nosuchapi", stageName: "prodv1" }))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NotFoundException);
    expect((failure as Error).message).toBe("Invalid API identifier specified 123456789012:nosuchapi");
  });

  it("throttles with 429 TooManyRequestsException, which the SDK retries", async () => {
    standIn.throttle("GetRestApis", 1, "ca-central-1");
    const result = await client("ca-central-1").send(new GetRestApisCommand({}));
    expect(result.$metadata.attempts).toBe(2);
    const throttled = standIn.requests.filter(
      (request) => request.region === "ca-central-1" && request.operation === "GetRestApis",
    );
    expect(throttled).toHaveLength(2);
  });
});
