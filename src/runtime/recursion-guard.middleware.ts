import type middy from "@middy/core";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { headerValue } from "./parse-body.middleware.js";
import { HttpProblem } from "./problem.js";

/** Carried on every invocation a handler makes of another (or the same) function. */
export const INVOKE_DEPTH_HEADER = "x-cellar-invoke-depth";
export const DEFAULT_MAX_INVOKE_DEPTH = 3;

/**
 * A handler that invokes functions (itself included) passes `nextInvokeDepth(event)` along;
 * past the limit the chain stops with 508 instead of looping and billing forever.
 */
export function recursionGuard(
  maxDepth = Number(process.env.CELLAR_MAX_INVOKE_DEPTH ?? DEFAULT_MAX_INVOKE_DEPTH),
): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return {
    before: (request) => {
      if (invokeDepth(request.event) > maxDepth) {
        throw new HttpProblem(508, "loop-detected", {
          detail: `Invocation depth exceeds ${maxDepth}; refusing to recurse further.`,
        });
      }
    },
  };
}

export function invokeDepth(event: APIGatewayProxyEvent): number {
  const depth = Number(headerValue(event, INVOKE_DEPTH_HEADER) ?? 0);
  return Number.isInteger(depth) && depth > 0 ? depth : 0;
}

/** The headers to put on an outgoing invocation made while handling `event`. */
export function nextInvokeDepth(event: APIGatewayProxyEvent): Record<string, string> {
  return { [INVOKE_DEPTH_HEADER]: String(invokeDepth(event) + 1) };
}
