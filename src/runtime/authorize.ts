import type { APIGatewayProxyEvent } from "aws-lambda";
import { type Caller, callerFromEvent } from "./caller.js";
import type { OperationSpec } from "./operation-spec.js";
import { forbidden, unauthorized } from "./problem.js";

/** How a wrapper finds its caller: {@link authenticate} for secured operations, {@link authorize} otherwise. */
export type CallerCheck<C extends Caller | null> = (spec: OperationSpec, event: APIGatewayProxyEvent) => C;

/**
 * The caller of a secured operation, in every group it requires: 401 without one, 403 short of a
 * group. The gateway's authorizer already rejects missing tokens, but the handler checks again: a
 * misconfigured method or a direct invoke must not reach admin-only logic.
 */
export function authenticate(spec: OperationSpec, event: APIGatewayProxyEvent): Caller {
  const caller = callerFromEvent(event);
  if (!caller) throw unauthorized();
  const missing = spec.groups.filter((group) => !caller.groups.includes(group));
  if (missing.length > 0) throw forbidden(`This operation requires membership of: ${missing.join(", ")}.`);
  return caller;
}

/** The caller, checked against what the operation requires; `null` on a public one without a token. */
export function authorize(spec: OperationSpec, event: APIGatewayProxyEvent): Caller | null {
  return spec.secured ? authenticate(spec, event) : callerFromEvent(event);
}
