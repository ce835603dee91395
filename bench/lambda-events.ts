import type { APIGatewayProxyEvent, Context } from "aws-lambda";
import type { WineryInput } from "./handlers/winery-fixture.js";

/** API Gateway REST proxy events as the gateway sends them to the benchmarked operations. */
function proxyEvent(overrides: Partial<APIGatewayProxyEvent>): APIGatewayProxyEvent {
  return {
    httpMethod: "GET",
    path: "/v1/wineries",
    resource: "/wineries",
    headers: { Accept: "application/json", "User-Agent": "bench" },
    multiValueHeaders: { Accept: ["application/json"], "User-Agent": ["bench"] },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: { alias: "live" },
    body: null,
    isBase64Encoded: false,
    requestContext: {
      accountId: "123456789012",
      apiId: "bench",
      stage: "prodv1",
      requestId: "bench-request",
      httpMethod: overrides.httpMethod ?? "GET",
      path: `/prodv1${overrides.path ?? "/v1/wineries"}`,
      resourceId: "bench",
      resourcePath: overrides.resource ?? "/wineries",
      protocol: "HTTP/1.1",
      requestTimeEpoch: 1_700_000_000_000,
      identity: { sourceIp: "127.0.0.1" } as APIGatewayProxyEvent["requestContext"]["identity"],
      authorizer: overrides.requestContext?.authorizer ?? null,
    },
    ...overrides,
  } as APIGatewayProxyEvent;
}

/** POST /v1/wineries by an admin (the operation requires the `admin` group). */
export function createWineryEvent(body: WineryInput): APIGatewayProxyEvent {
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  return proxyEvent({
    httpMethod: "POST",
    headers,
    multiValueHeaders: { "Content-Type": ["application/json"], Accept: ["application/json"] },
    body: JSON.stringify(body),
    requestContext: {
      authorizer: { claims: { sub: "bench-admin", "cognito:groups": "admin" } },
    } as unknown as APIGatewayProxyEvent["requestContext"],
  });
}

/** GET /v1/wineries/{wineryId}: a public read, answered from Postgres by the database cold-start bench. */
export function getWineryEvent(wineryId: string): APIGatewayProxyEvent {
  return proxyEvent({
    path: `/v1/wineries/${wineryId}`,
    resource: "/wineries/{wineryId}",
    pathParameters: { wineryId },
  });
}

/** GET /v1/wineries?lat&lng&radiusKm&limit: the geo search, answered from memory by the bench handlers. */
export function listWineriesEvent(limit: number): APIGatewayProxyEvent {
  const query = { lat: "38.5", lng: "-122.4", radiusKm: "30", limit: String(limit) };
  return proxyEvent({
    queryStringParameters: query,
    multiValueQueryStringParameters: Object.fromEntries(
      Object.entries(query).map(([key, value]) => [key, [value]]),
    ),
  });
}

export const lambdaContext = {
  functionName: "cellar-bench",
  awsRequestId: "bench-request",
  getRemainingTimeInMillis: () => 29_000,
} as unknown as Context;
