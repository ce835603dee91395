import middy from "@middy/core";
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { authorize } from "./authorize.middleware.js";
import { cors } from "./cors.middleware.js";
import { parsedRequestOf } from "./operation-context.js";
import type { OperationSpec, OperationValidators } from "./operation-spec.js";
import { parseBody } from "./parse-body.middleware.js";
import { problemErrors } from "./problem-errors.middleware.js";
import { recursionGuard } from "./recursion-guard.middleware.js";
import { respond, responseCheckModeFromEnv } from "./respond.middleware.js";
import type { OperationImplementation, OperationInput, OperationTypes } from "./typed-operation.js";
import { validateRequest } from "./validate-request.middleware.js";
import { isWarmerEvent } from "./warmer.js";

/** A Lambda proxy handler branded with its operationId, so a handler cannot be wired to the wrong route. */
export type OperationHandler<Id extends string> = ((
  event: APIGatewayProxyEvent,
  context: Context,
) => Promise<APIGatewayProxyResult>) & { readonly operationId: Id };

/**
 * The generated wrappers call this: it puts the hand-written implementation behind warmer
 * short-circuit, CORS, recursion guard, authorization, body parsing, validation, response checking and
 * problem+json errors, in that order.
 */
export function defineOperation<O extends OperationTypes, D extends PropertyKey, Id extends string>(
  spec: OperationSpec & { operationId: Id },
  validators: OperationValidators,
  implementation: OperationImplementation<O, D>,
): OperationHandler<Id> {
  const wrapped = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(cors())
    .use(problemErrors(spec.operationId))
    .use(recursionGuard())
    .use(authorize(spec))
    .use(parseBody(spec))
    .use(validateRequest(spec, validators))
    .use(respond(spec, validators, responseCheckModeFromEnv()))
    .handler(async (event, context) => {
      const parsed = parsedRequestOf(event);
      const input = { ...parsed.input, caller: parsed.caller, event, context } as unknown as OperationInput<
        O,
        D
      >;
      return (await implementation(input)) as unknown as APIGatewayProxyResult;
    });
  const handler = async (event: APIGatewayProxyEvent, context: Context) => {
    // Warm-up pings return before any middleware, so they never touch handler logic or the database.
    if (isWarmerEvent(event)) return { statusCode: 200, body: "warm" };
    return wrapped(event, context);
  };
  return Object.assign(handler, { operationId: spec.operationId });
}
