import middy from "@middy/core";
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { checkRequest } from "./check-request.js";
import { operationResponses } from "./operation-responses.middleware.js";
import type { OperationSpec, OperationValidators } from "./operation-spec.js";
import { prepareOperation } from "./prepared-operation.js";
import type { OperationImplementation, OperationInput, OperationTypes } from "./typed-operation.js";
import { isWarmerEvent } from "./warmer.js";

/** A Lambda proxy handler branded with its operationId, so a handler cannot be wired to the wrong route. */
export type OperationHandler<Id extends string> = ((
  event: APIGatewayProxyEvent,
  context: Context,
) => Promise<APIGatewayProxyResult>) & { readonly operationId: Id };

/**
 * The generated wrappers call this: it puts the hand-written implementation behind warmer
 * short-circuit, recursion guard, authorization, body parsing, validation, response checking,
 * problem+json errors and CORS, in that order, on a Middy handler (whose early timeout turns a
 * function about to run out of time into a 503).
 */
export function defineOperation<O extends OperationTypes, D extends PropertyKey, Id extends string>(
  spec: OperationSpec & { operationId: Id },
  validators: OperationValidators,
  implementation: OperationImplementation<O, D>,
): OperationHandler<Id> {
  const operation = prepareOperation(spec, validators);
  const wrapped = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(operationResponses(operation))
    // The checks run here rather than in a `before` middleware, which would cost another async hop
    // per request. They are synchronous, so they finish before Middy starts its timeout, and what
    // they throw reaches `onError` all the same.
    .handler(
      (event, context) =>
        implementation(
          checkRequest(operation, event, context) as unknown as OperationInput<O, D>,
        ) as unknown as Promise<APIGatewayProxyResult>,
    );
  const handler = (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> =>
    // Warm-up pings return before anything else, so they never touch handler logic or the database.
    isWarmerEvent(event) ? Promise.resolve({ statusCode: 200, body: "warm" }) : wrapped(event, context);
  return Object.assign(handler, { operationId: spec.operationId });
}
