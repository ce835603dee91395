import { INVALID_UTF8_DETAIL, INVALID_UTF8_ERROR } from "../runtime/utf8.js";
import { rejectUnreadableBody } from "./body-rejection.js";
import { runCognitoAuthorizer } from "./cognito-authorizer.js";
import type { CorsPolicy } from "./cors-policy.js";
import { createLambdaContext } from "./lambda-context.js";
import { invokeHandler } from "./lambda-invoker.js";
import type { LocalIssuer } from "./local-issuer.js";
import type { Logger } from "./logger.js";
import type { MountedStage } from "./mounted-stage.js";
import { problem, sendGatewayProblem, sendProblem } from "./problem.js";
import { buildProxyEvent } from "./proxy-event.js";
import { checkProxyResponse, writeProxyResponse } from "./proxy-response.js";
import { readRequestBody } from "./request-body.js";
import type { RequestScope } from "./request-scope.js";

export interface GatewayProxyOptions {
  issuer: LocalIssuer;
  cors: CorsPolicy;
  logger: Logger;
  maxBodyBytes: number;
  bodyTimeoutMs: number;
  handlerTimeoutMs: number;
  region: string;
}

function normaliseIp(address: string | undefined): string {
  if (!address) return "127.0.0.1";
  return address.startsWith("::ffff:") ? address.slice("::ffff:".length) : address;
}

/** Router -> authorizer -> event -> handler -> response, i.e. what API Gateway does for one stage. */
export async function proxyToStage(
  scope: RequestScope,
  stage: MountedStage,
  relativePath: string,
  options: GatewayProxyOptions,
): Promise<void> {
  const { req, res } = scope;
  const method = req.method ?? "GET";
  const match = stage.router.match(method, relativePath);
  switch (match.outcome) {
    case "bad-path":
      return sendProblem(res, problem("bad-request", match.detail, scope.path));
    case "not-found":
      return sendGatewayProblem(
        res,
        "MISSING_AUTHENTICATION_TOKEN",
        `No resource matches ${scope.path}`,
        scope.path,
      );
    case "method-not-allowed":
      return sendProblem(
        res,
        problem("method-not-allowed", `${match.resource} does not support ${method}`, scope.path),
        { headers: { Allow: match.allow.join(", ") } },
      );
  }
  scope.operationId = match.operationId;

  if (match.target.type === "cors-preflight") {
    return options.cors.answerPreflight(req, res, { ...match.target, allowMethods: match.allow });
  }
  const lambda = stage.lambdas.get(match.target.functionName)!;
  scope.target = lambda.qualifier ? `${lambda.functionName}:${lambda.qualifier}` : lambda.functionName;

  let claims: Record<string, string> | undefined;
  if (match.secured) {
    const verdict = await runCognitoAuthorizer(req.headers.authorization, options.issuer);
    // API Gateway's Cognito authorizer answers a missing and an invalid token alike (UNAUTHORIZED).
    if (!verdict.ok) return sendGatewayProblem(res, "UNAUTHORIZED", verdict.detail, scope.path);
    claims = verdict.claims;
  }

  const limits = { maxBytes: options.maxBodyBytes, timeoutMs: options.bodyTimeoutMs };
  const body = await readRequestBody(req, limits);
  if (!body.ok) return rejectUnreadableBody(scope, body, limits);

  const event = buildProxyEvent({
    method,
    path: scope.path,
    rawQuery: scope.rawQuery,
    rawHeaders: req.rawHeaders,
    body: body.body,
    resource: match.resource,
    pathParameters: match.pathParameters,
    stage: stage.stage,
    stageVariables: stage.stageVariables,
    requestId: scope.requestId,
    requestTimeEpoch: scope.startedAt,
    protocol: `HTTP/${req.httpVersion}`,
    sourceIp: normaliseIp(req.socket.remoteAddress),
    localPort: req.socket.localPort ?? 0,
    ...(claims ? { claims } : {}),
    ...(stage.binaryMediaTypes ? { binaryMediaTypes: stage.binaryMediaTypes } : {}),
  });
  if (!event) {
    const invalid = problem("bad-request", INVALID_UTF8_DETAIL, scope.path, [INVALID_UTF8_ERROR]);
    return sendProblem(res, invalid);
  }
  const context = createLambdaContext({
    functionName: lambda.functionName,
    qualifier: lambda.qualifier,
    region: options.region,
    timeoutMs: options.handlerTimeoutMs,
  });

  const outcome = await invokeHandler(lambda.handler, event, context, options.handlerTimeoutMs);
  if (!outcome.ok) {
    if (outcome.reason === "timeout") {
      options.logger.error(
        `${scope.requestId} ${scope.target} did not answer within ${options.handlerTimeoutMs} ms`,
      );
      return sendProblem(
        res,
        problem("gateway-timeout", "The integration did not answer in time", scope.path),
      );
    }
    options.logger.error(`${scope.requestId} ${scope.target} threw`, outcome.error);
    return sendProblem(
      res,
      problem("bad-gateway", "The integration failed to produce a response", scope.path),
    );
  }
  const checked = checkProxyResponse(outcome.value);
  if (!checked.ok) {
    options.logger.error(
      `${scope.requestId} ${scope.target} returned a malformed proxy response: ${checked.reason}`,
    );
    return sendProblem(
      res,
      problem("bad-gateway", "The integration returned a malformed response", scope.path),
    );
  }
  writeProxyResponse(res, checked.response);
}
