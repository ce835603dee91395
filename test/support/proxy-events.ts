import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";

/** A minimal API Gateway REST proxy event, the way the local stage and API Gateway build them. */
export function proxyEvent(
  overrides: Partial<APIGatewayProxyEvent> & { claims?: Record<string, string> } = {},
): APIGatewayProxyEvent {
  const { claims, ...rest } = overrides;
  return {
    resource: "/",
    path: "/",
    httpMethod: "GET",
    headers: {},
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: { alias: "test" },
    requestContext: {
      requestId: "test-request",
      stage: "test",
      ...(claims ? { authorizer: { claims } } : {}),
    } as unknown as APIGatewayProxyEvent["requestContext"],
    body: null,
    isBase64Encoded: false,
    ...rest,
  };
}

export function jsonEvent(
  body: string,
  overrides: Partial<APIGatewayProxyEvent> & { claims?: Record<string, string> } = {},
) {
  return proxyEvent({
    httpMethod: "POST",
    headers: { "Content-Type": "application/json" },
    body,
    ...overrides,
  });
}

export function lambdaContext(): Context {
  return {
    functionName: "cellar-test",
    awsRequestId: "test-request",
    getRemainingTimeInMillis: () => 10_000,
  } as unknown as Context;
}

export function problemOf(result: APIGatewayProxyResult) {
  expectProblemContentType(result);
  return JSON.parse(result.body) as {
    type: string;
    title: string;
    status: number;
    detail?: string;
    errors?: Array<{ path: string; message: string }>;
  };
}

function expectProblemContentType(result: APIGatewayProxyResult): void {
  const contentType = result.headers?.["Content-Type"];
  if (contentType !== "application/problem+json") {
    throw new Error(`expected application/problem+json, got ${String(contentType)}: ${result.body}`);
  }
}

export const ADMIN = { sub: "admin-1", "cognito:groups": "admin" };
export const ALICE = { sub: "alice", "cognito:groups": "" };
