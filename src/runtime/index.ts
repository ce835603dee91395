export type { BodyFieldSpec, RequestBodyKind, UploadedFile } from "./body-media-types.js";
export type { BodyReaders } from "./body-reader.js";
export type { Caller } from "./caller.js";
export { isInGroup } from "./caller.js";
export { conditionalRead } from "./conditional-read.js";
export { defineOperation, defineSecuredOperation, type OperationHandler } from "./define-operation.js";
export { checkSettingsAtInit, type SettingsCheck } from "./init-checks.js";
export { logError, logWarning } from "./log.js";
export type { OperationSpec, OperationValidators } from "./operation-spec.js";
export { parseBinaryBody } from "./parse-binary-body.js";
export { parseFormBody } from "./parse-form-body.js";
export { parseMultipartBody } from "./parse-multipart-body.js";
export * from "./problem.js";
export { nextInvokeDepth } from "./recursion-guard.js";
export type { MultipartFields, WithRequestBodies } from "./request-body-types.js";
export { type ResponseCheckMode, type RuntimeSettings, readRuntimeSettings } from "./runtime-settings.js";
export {
  booleanSetting,
  type Environment,
  InvalidSettingError,
  integerSetting,
  oneOfSetting,
  rawSetting,
} from "./setting-parsers.js";
export type {
  OperationImplementation,
  OperationInput,
  OperationRequest,
  OperationResult,
} from "./typed-operation.js";
export { fieldErrors } from "./validate-request.js";
export { isWarmerEvent, WARMER_EVENT } from "./warmer.js";
export { illFormedText, isWellFormedText } from "./well-formed-text.js";
