import middy from "@middy/core";
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { authenticate, authorize, type CallerCheck } from "./authorize.js";
import type { BodyReaders } from "./body-reader.js";
import type { Caller } from "./caller.js";
import { type CheckedRequest, checkRequest } from "./check-request.js";
import { operationErrors, operationResponse } from "./operation-responses.middleware.js";
import type { OperationSpec, OperationValidators } from "./operation-spec.js";
import { prepareOperation } from "./prepared-operation.js";
import type { HandlerResult, ProxyResponse } from "./respond.js";
import { isWarmerEvent } from "./warmer.js";

/** A Lambda proxy handler branded with its operationId, so a handler cannot be wired to the wrong route. */
export type OperationHandler<Id extends string> = ((
  event: APIGatewayProxyEvent,
  context: Context,
) => Promise<APIGatewayProxyResult>) & { readonly operationId: Id };

/** The hand-written implementation, as the wrapper calls it. */
type Implementation<Request, C extends Caller | null, Result extends HandlerResult> = (
  input: CheckedRequest<Request, C>,
) => Promise<Result>;

/**
 * The generated wrappers of public operations call this (secured ones {@link defineSecuredOperation}):
 * it puts the hand-written implementation behind warmer short-circuit, recursion guard,
 * authorization, body parsing, validation, response checking, problem+json errors and CORS, in that
 * order, on a Middy handler (whose early timeout turns a function about to run out of time into a
 * 503). The caller is `Caller | null`: a token is optional.
 */
export function defineOperation<Request, Result extends HandlerResult, Id extends string>(
  spec: OperationSpec & { operationId: Id },
  validators: OperationValidators<Request>,
  implementation: Implementation<Request, Caller | null, Result>,
  bodyReaders?: BodyReaders,
): OperationHandler<Id> {
  return wrapOperation(spec, validators, authorize, implementation, bodyReaders);
}

/**
 * The same for an operation whose spec requires security: the wrapper answers 401 or 403 before the
 * implementation runs, so the implementation's caller is a `Caller`, never null.
 */
export function defineSecuredOperation<Request, Result extends HandlerResult, Id extends string>(
  spec: OperationSpec & { operationId: Id; secured: true },
  validators: OperationValidators<Request>,
  implementation: Implementation<Request, Caller, Result>,
  bodyReaders?: BodyReaders,
): OperationHandler<Id> {
  return wrapOperation(spec, validators, authenticate, implementation, bodyReaders);
}

function wrapOperation<Request, C extends Caller | null, Result extends HandlerResult, Id extends string>(
  spec: OperationSpec & { operationId: Id },
  validators: OperationValidators<Request>,
  callerOf: CallerCheck<C>,
  implementation: Implementation<Request, C, Result>,
  bodyReaders: BodyReaders | undefined,
): OperationHandler<Id> {
  const operation = { ...prepareOperation(spec, validators), ...(bodyReaders ? { bodyReaders } : {}) };
  const wrapped = middy<APIGatewayProxyEvent, ProxyResponse>()
    .use(operationErrors(operation))
    // The checks run here rather than in a `before` middleware, which would cost another async hop
    // per request. They are synchronous, so they finish before Middy starts its timeout, and what
    // they throw reaches `onError` all the same. So does a response that breaks the contract.
    .handler((event, context) => {
      const checked = checkRequest(operation, callerOf, event, context);
      // A promise only for a multipart body, whose parser is asynchronous.
      const result = checked instanceof Promise ? checked.then(implementation) : implementation(checked);
      return result.then((value) => operationResponse(operation, event, value));
    });
  const handler = (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> =>
    // Warm-up pings return before anything else, so they never touch handler logic or the database.
    isWarmerEvent(event) ? Promise.resolve({ statusCode: 200, body: "warm" }) : wrapped(event, context);
  return Object.assign(handler, { operationId: spec.operationId });
}
