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
export interface PreparedOperation {
  spec: OperationSpec;
  validators: OperationValidators;
  responses: DocumentedResponses;
  responseCheck: ResponseCheckMode;
  maxInvokeDepth: number;
  corsOrigins: ReadonlySet<string>;
}

export function prepareOperation(
  spec: OperationSpec,
  validators: OperationValidators,
  env: NodeJS.ProcessEnv = process.env,
): PreparedOperation {
  return {
    spec,
    validators,
    responses: documentedResponses(spec, validators),
    responseCheck: responseCheckModeFromEnv(env),
    maxInvokeDepth: maxInvokeDepthFromEnv(env),
    corsOrigins: new Set(corsOriginsFromEnv(env)),
  };
}
