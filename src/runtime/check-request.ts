import type { APIGatewayProxyEvent, Context } from "aws-lambda";
import type { CallerCheck } from "./authorize.js";
import type { Caller } from "./caller.js";
import { parseBody } from "./parse-body.js";
import type { PreparedOperation } from "./prepared-operation.js";
import { readRequestBody } from "./read-request-body.js";
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
): CheckedRequest<Request, C> | Promise<CheckedRequest<Request, C>> {
  const { spec } = operation;
  guardInvokeDepth(event, operation.maxInvokeDepth);
  const caller = callerOf(spec, event);
  const readers = operation.bodyReaders;
  if (readers) {
    const body = readRequestBody(spec, readers, event);
    // Only a multipart body is read asynchronously; every other request stays synchronous.
    return body instanceof Promise
      ? body.then((value) => checkParsedRequest(operation, event, value, { caller, event, context }))
      : checkParsedRequest(operation, event, body, { caller, event, context });
  }
  const body = parseBody(spec, event);
  // The validated object itself becomes the input (ajv may have filled in defaults), no copy.
  const input = validateRequest(spec, operation.validators, event, body);
  return Object.assign(input, { caller, event, context });
}

/**
 * Validation of a form, multipart or binary operation's request. Bytes are not a JSON Schema
 * instance: a binary body is validated as absent, then handed over as sent.
 */
function checkParsedRequest<Request, C extends Caller | null>(
  operation: PreparedOperation<Request>,
  event: APIGatewayProxyEvent,
  body: unknown,
  added: OperationContext<C>,
): CheckedRequest<Request, C> {
  const binary = Buffer.isBuffer(body);
  const input = validateRequest(operation.spec, operation.validators, event, binary ? undefined : body);
  if (binary) input.body = body;
  return Object.assign(input, added);
}
