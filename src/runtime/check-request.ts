import type { APIGatewayProxyEvent, Context } from "aws-lambda";
import { authorize } from "./authorize.js";
import type { Caller } from "./caller.js";
import { parseBody } from "./parse-body.js";
import type { PreparedOperation } from "./prepared-operation.js";
import { guardInvokeDepth } from "./recursion-guard.js";
import { type ValidatedRequest, validateRequest } from "./validate-request.js";

/** The implementation's input, before typing: see `OperationInput`. */
export type CheckedRequest = ValidatedRequest & {
  caller: Caller | null;
  event: APIGatewayProxyEvent;
  context: Context;
};

/**
 * Everything that runs before the implementation, in order: recursion guard (508), authorization
 * (401, 403), body (413, 415, 400), parameters and validation (400). Throws the first problem.
 */
export function checkRequest(
  operation: PreparedOperation,
  event: APIGatewayProxyEvent,
  context: Context,
): CheckedRequest {
  const { spec } = operation;
  guardInvokeDepth(event, operation.maxInvokeDepth);
  const caller = authorize(spec, event);
  const body = parseBody(spec, event);
  // The validated object itself becomes the input (ajv may have filled in defaults), no copy.
  const input = validateRequest(spec, operation.validators, event, body) as CheckedRequest;
  input.caller = caller;
  input.event = event;
  input.context = context;
  return input;
}
