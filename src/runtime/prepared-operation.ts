import type { BodyReaders } from "./body-reader.js";
import { runSettingsChecks } from "./init-checks.js";
import type { OperationSpec, OperationValidators } from "./operation-spec.js";
import { type DocumentedResponses, documentedResponses } from "./respond.js";
import { type ResponseCheckMode, readRuntimeSettings } from "./runtime-settings.js";
import type { Environment } from "./setting-parsers.js";

/** What every request of one operation needs, worked out once when its handler is defined. */
export interface PreparedOperation<Request = unknown> {
  spec: OperationSpec;
  validators: OperationValidators<Request>;
  responses: DocumentedResponses;
  responseCheck: ResponseCheckMode;
  maxInvokeDepth: number;
  corsOrigins: ReadonlySet<string>;
  /** Readers of the operation's form, multipart or binary bodies; absent for JSON-only operations. */
  bodyReaders?: BodyReaders;
}

export function prepareOperation<Request>(
  spec: OperationSpec,
  validators: OperationValidators<Request>,
  env: Environment = process.env,
): PreparedOperation<Request> {
  // Runs while the handler's module loads (the Lambda's init): a bad setting fails the init.
  const runtime = readRuntimeSettings(env);
  runSettingsChecks(env);
  return {
    spec,
    validators,
    responses: documentedResponses(spec, validators),
    responseCheck: runtime.responseValidation,
    maxInvokeDepth: runtime.maxInvokeDepth,
    corsOrigins: new Set(runtime.corsOrigins),
  };
}
