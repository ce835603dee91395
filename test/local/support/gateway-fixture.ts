import type { GatewayDefinition } from "../../../src/local/gateway-definition.js";

// biome-ignore lint/suspicious/noTemplateCurlyInString: API Gateway's stage-variable syntax, not a JS template
export const ALIAS_REFERENCE = "${stageVariables.alias}";

export function lambdaUri(functionName: string): string {
  return (
    "arn:aws:apigateway:{{region}}:lambda:path/2015-03-31/functions/" +
    `arn:aws:lambda:{{region}}:{{accountId}}:function:${functionName}:${ALIAS_REFERENCE}/invocations`
  );
}

function lambda(operationId: string, secured = false): Record<string, unknown> {
  return {
    operationId,
    parameters: [],
    responses: { "200": { description: "ok" } },
    ...(secured ? { security: [{ cognito: [] }] } : {}),
    "x-amazon-apigateway-integration": {
      type: "aws_proxy",
      httpMethod: "POST",
      uri: lambdaUri(`cellar-${operationId}`),
      passthroughBehavior: "when_no_match",
    },
  };
}

function corsMock(methods: string): Record<string, unknown> {
  return {
    responses: { "204": { description: "CORS preflight" } },
    "x-amazon-apigateway-integration": {
      type: "mock",
      requestTemplates: { "application/json": '{"statusCode": 204}' },
      responses: {
        default: {
          statusCode: "204",
          responseParameters: {
            "method.response.header.Access-Control-Allow-Origin": "stageVariables.corsOrigin",
            "method.response.header.Access-Control-Allow-Methods": `'${methods}'`,
            "method.response.header.Access-Control-Allow-Headers":
              "'Authorization,Content-Type,Idempotency-Key'",
          },
        },
      },
    },
  };
}

/** A hand-made stand-in for `gateway/v<n>.gen.json`, shaped like the codegen's output. */
export function gatewayFixture(version: "V1" | "V2"): GatewayDefinition {
  return {
    paths: {
      "/ping": { get: lambda(`ping${version}`), options: corsMock("GET,OPTIONS") },
      "/wineries": {
        get: lambda(`listWineries${version}`),
        post: lambda(`createWinery${version}`, true),
        options: corsMock("GET,OPTIONS,POST"),
      },
      "/wineries/near": { get: lambda(`nearWineries${version}`) },
      "/wineries/{wineryId}": {
        get: lambda(`getWinery${version}`),
        patch: lambda(`patchWinery${version}`, true),
      },
      "/wineries/{wineryId}/reviews/{reviewId}": { get: lambda(`getReview${version}`) },
      "/me": { get: lambda(`getMe${version}`, true) },
      "/files/{proxy+}": { "x-amazon-apigateway-any-method": lambda(`files${version}`) },
    },
    components: {
      securitySchemes: {
        cognito: {
          type: "apiKey",
          name: "Authorization",
          in: "header",
          "x-amazon-apigateway-authtype": "cognito_user_pools",
        },
      },
    },
  };
}

export const FIXTURE_OPERATIONS = [
  "ping",
  "listWineries",
  "createWinery",
  "nearWineries",
  "getWinery",
  "patchWinery",
  "getReview",
  "getMe",
  "files",
] as const;
