export type { ClientOptions, RequestOptions, RetryOptions, TokenSource } from "./client-options.js";
export {
  ApiError,
  type ApiErrorWithStatus,
  CellarError,
  isApiError,
  NetworkError,
  type ProblemDocument,
  TimeoutError,
} from "./errors.js";
export { newIdempotencyKey } from "./idempotency-key.js";
export { createCaller, type OperationCall, type OperationSender } from "./operation-caller.js";
export { type CursorPage, paginate } from "./paginate.js";
export type { BinaryInput, MultipartInput } from "./request-body.js";
