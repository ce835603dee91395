import type middy from "@middy/core";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { callerFromEvent } from "./caller.js";
import { parsedRequestOf } from "./operation-context.js";
import type { OperationSpec } from "./operation-spec.js";
import { forbidden, unauthorized } from "./problem.js";

/**
 * The gateway's authorizer already rejects missing tokens, but the handler checks again: a
 * misconfigured method or a direct invoke must not reach admin-only logic.
 */
export function authorize(
  spec: OperationSpec,
): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return {
    before: (request) => {
      const caller = callerFromEvent(request.event);
      parsedRequestOf(request.event).caller = caller;
      if (!spec.secured) return;
      if (!caller) throw unauthorized();
      const missing = spec.groups.filter((group) => !caller.groups.includes(group));
      if (missing.length > 0)
        throw forbidden(`This operation requires membership of: ${missing.join(", ")}.`);
    },
  };
}
