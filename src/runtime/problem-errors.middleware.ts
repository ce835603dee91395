import type middy from "@middy/core";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { logError } from "./log.js";
import { HttpProblem, internalError, problemResponse, serviceUnavailable } from "./problem.js";

/**
 * The one place errors become responses. Our own problems pass through; errors from other Middy
 * middlewares (which carry `statusCode`) keep their status; a lost database is a 503 the client can
 * retry; anything else is a 500 that says nothing about internals.
 */
export function problemErrors(
  operationId: string,
): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return {
    onError: (request) => {
      const problem = toProblem(request.error);
      if (problem.status >= 500)
        logError("request failed", request.error, { operationId, status: problem.status });
      request.response = problemResponse(problem, request.event?.path);
    },
  };
}

export function toProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (isDatabaseUnavailable(error))
    return serviceUnavailable("The database is unavailable; retry shortly.", 1, error);
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return new HttpProblem(status, "http-error", { detail: (error as Error).message, expose: true });
  }
  return internalError(error);
}

const CONNECTION_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "57P01",
  "57P03",
]);

function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && (CONNECTION_ERROR_CODES.has(code) || code.startsWith("08"))) return true;
  const message = error instanceof Error ? error.message : "";
  return /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(message);
}
