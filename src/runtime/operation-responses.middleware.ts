import type middy from "@middy/core";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { addCorsHeaders } from "./cors.js";
import type { PreparedOperation } from "./prepared-operation.js";
import { errorResponse } from "./problem-errors.js";
import { type HandlerResult, type ProxyResponse, respond } from "./respond.js";

/**
 * The implementation's result checked against the contract and serialized, with CORS headers. The
 * wrapper's handler returns this itself, so what Middy carries is always a proxy response: no
 * `after` middleware has to turn one type into another (and none costs Middy an async hop).
 */
export function operationResponse(
  operation: PreparedOperation,
  event: APIGatewayProxyEvent,
  result: HandlerResult,
): ProxyResponse {
  const response = respond(operation.spec, operation.responses, operation.responseCheck, result);
  addCorsHeaders(response.headers, event, operation.corsOrigins);
  return response;
}

/** The wrapper's only middleware: any error, a broken contract included, as problem+json with CORS headers. */
export function operationErrors(
  operation: PreparedOperation,
): middy.MiddlewareObj<APIGatewayProxyEvent, ProxyResponse> {
  const { spec, corsOrigins } = operation;
  return {
    onError: (request) => {
      const response = errorResponse(request.error, spec.operationId, request.event?.path);
      addCorsHeaders(response.headers, request.event, corsOrigins);
      request.response = response;
    },
  };
}
