import { corsOriginsFromEnv } from "./cors.js";
import type { OperationSpec, OperationValidators } from "./operation-spec.js";
import { maxInvokeDepthFromEnv } from "./recursion-guard.js";
import {
  type DocumentedResponses,
  documentedResponses,
  type ResponseCheckMode,
  responseCheckModeFromEnv,
} from "./respond.js";

/** What every request of one operation needs, worked out once when its handler is defined. */
export interface PreparedOperation<Request = unknown> {
  spec: OperationSpec;
  validators: OperationValidators<Request>;
  responses: DocumentedResponses;
  responseCheck: ResponseCheckMode;
  maxInvokeDepth: number;
  corsOrigins: ReadonlySet<string>;
}

export function prepareOperation<Request>(
  spec: OperationSpec,
  validators: OperationValidators<Request>,
  env: NodeJS.ProcessEnv = process.env,
): PreparedOperation<Request> {
  return {
    spec,
    validators,
    responses: documentedResponses(spec, validators),
    responseCheck: responseCheckModeFromEnv(env),
    maxInvokeDepth: maxInvokeDepthFromEnv(env),
    corsOrigins: new Set(corsOriginsFromEnv(env)),
  };
}
