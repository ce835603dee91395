import type { APIGatewayProxyResult } from "aws-lambda";
import { isDatabaseUnavailable } from "./database-unavailable.js";
import { logError } from "./log.js";
import { HttpProblem, internalError, problemResponse, serviceUnavailable } from "./problem.js";

/**
 * The one place errors become responses: problem+json, with failures of ours (5xx) logged. `instance`
 * is the request path.
 */
export function errorResponse(
  error: unknown,
  operationId: string,
  instance: string | undefined,
): APIGatewayProxyResult & { headers: Record<string, string> } {
  const problem = toProblem(error);
  if (problem.status >= 500) logError("request failed", error, { operationId, status: problem.status });
  return problemResponse(problem, instance);
}

/**
 * Our own problems pass through; errors from Middy (which carry `statusCode`) keep their status; a
 * lost database is a 503 the client can retry; anything else is a 500 that says nothing about internals.
 */
/** The 503's detail when the database refused or never answered a connection attempt. */
export const DATABASE_UNAVAILABLE_DETAIL = "The database is unavailable; retry shortly.";
/** The 503's detail when the function was about to run out of time (Middy's early timeout). */
export const OUT_OF_TIME_DETAIL = "The request could not be completed in time; retry shortly.";

export function toProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (isDatabaseUnavailable(error)) return serviceUnavailable(DATABASE_UNAVAILABLE_DETAIL, 1, error);
  // Middy's answer to a function about to run out of time (in practice, a database that stopped
  // answering): the client may retry, so a 503 rather than a 500 that reads like a bug.
  if ((error as Error | null)?.name === "TimeoutError")
    return serviceUnavailable(OUT_OF_TIME_DETAIL, 1, error);
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return new HttpProblem(status, "http-error", { detail: (error as Error).message, expose: true });
  }
  return internalError(error);
}
