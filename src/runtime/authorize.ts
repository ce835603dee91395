import type { APIGatewayProxyEvent } from "aws-lambda";
import { type Caller, callerFromEvent } from "./caller.js";
import type { OperationSpec } from "./operation-spec.js";
import { forbidden, unauthorized } from "./problem.js";

/**
 * The caller, checked against what the operation requires. The gateway's authorizer already rejects
 * missing tokens, but the handler checks again: a misconfigured method or a direct invoke must not
 * reach admin-only logic.
 */
export function authorize(spec: OperationSpec, event: APIGatewayProxyEvent): Caller | null {
  const caller = callerFromEvent(event);
  if (!spec.secured) return caller;
  if (!caller) throw unauthorized();
  const missing = spec.groups.filter((group) => !caller.groups.includes(group));
  if (missing.length > 0) throw forbidden(`This operation requires membership of: ${missing.join(", ")}.`);
  return caller;
}
