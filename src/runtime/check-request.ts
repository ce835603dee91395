import type { APIGatewayProxyEvent, Context } from "aws-lambda";
import type { CallerCheck } from "./authorize.js";
import type { Caller } from "./caller.js";
import { parseBody } from "./parse-body.js";
import type { PreparedOperation } from "./prepared-operation.js";
import { guardInvokeDepth } from "./recursion-guard.js";
import type { OperationContext } from "./typed-operation.js";
import { type ValidatedRequest, validateRequest } from "./validate-request.js";

/** The implementation's input: the validated request, its caller, the event and the context. */
export type CheckedRequest<Request, C extends Caller | null> = ValidatedRequest &
  Request &
  OperationContext<C>;

/**
 * Everything that runs before the implementation, in order: recursion guard (508), authorization
 * (401, 403), body (413, 415, 400), parameters and validation (400). Throws the first problem.
 */
export function checkRequest<Request, C extends Caller | null>(
  operation: PreparedOperation<Request>,
  callerOf: CallerCheck<C>,
  event: APIGatewayProxyEvent,
  context: Context,
): CheckedRequest<Request, C> {
  const { spec } = operation;
  guardInvokeDepth(event, operation.maxInvokeDepth);
  const caller = callerOf(spec, event);
  const body = parseBody(spec, event);
  // The validated object itself becomes the input (ajv may have filled in defaults), no copy.
  const input = validateRequest(spec, operation.validators, event, body);
  return Object.assign(input, { caller, event, context });
}
