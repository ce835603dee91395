import type middy from "@middy/core";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { addCorsHeaders } from "./cors.js";
import type { PreparedOperation } from "./prepared-operation.js";
import { errorResponse } from "./problem-errors.js";
import { type HandlerResult, respond } from "./respond.js";

/**
 * The wrapper's only middleware: the implementation's result checked against the contract and
 * serialized, or any error as problem+json; CORS headers on both. One middleware rather than one
 * per step, as each costs Middy an async hop per request.
 */
export function operationResponses(
  operation: PreparedOperation,
): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  const { spec, responses, responseCheck, corsOrigins } = operation;
  return {
    after: (request) => {
      const result = request.response as unknown as HandlerResult;
      const response = respond(spec, responses, responseCheck, result);
      addCorsHeaders(response.headers, request.event, corsOrigins);
      request.response = response;
    },
    onError: (request) => {
      const response = errorResponse(request.error, spec.operationId, request.event?.path);
      addCorsHeaders(response.headers, request.event, corsOrigins);
      request.response = response;
    },
  };
}
