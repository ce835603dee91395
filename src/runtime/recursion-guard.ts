import type { APIGatewayProxyEvent } from "aws-lambda";
import { HttpProblem } from "./problem.js";

/**
 * Carried as a top-level field of the invocation payload, never as a header: API Gateway passes
 * client headers through, so a header would let any client trip the guard (an undocumented 5xx).
 */
export const INVOKE_DEPTH_FIELD = "cellarInvokeDepth";
/**
 * The limit is `CELLAR_MAX_INVOKE_DEPTH` (runtime/runtime-settings.ts). A handler that invokes functions (itself included) spreads `nextInvokeDepth(event)` into the
 * payload; past the limit the chain stops with 508 instead of looping and billing forever.
 */
export function guardInvokeDepth(event: APIGatewayProxyEvent, maxDepth: number): void {
  if (invokeDepth(event) > maxDepth) {
    throw new HttpProblem(508, "loop-detected", {
      detail: `Invocation depth exceeds ${maxDepth}; refusing to recurse further.`,
    });
  }
}

export function invokeDepth(event: APIGatewayProxyEvent): number {
  // Not part of the API Gateway event type: a field of the payload a function invoking us adds.
  const depth = INVOKE_DEPTH_FIELD in event ? Number(event[INVOKE_DEPTH_FIELD] ?? 0) : 0;
  return Number.isInteger(depth) && depth > 0 ? depth : 0;
}

/** The field to put on the payload of an invocation made while handling `event`. */
export function nextInvokeDepth(event: APIGatewayProxyEvent): Record<typeof INVOKE_DEPTH_FIELD, number> {
  return { [INVOKE_DEPTH_FIELD]: invokeDepth(event) + 1 };
}
