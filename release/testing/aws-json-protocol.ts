/**
 * An error as AWS JSON 1.1 services send it: HTTP 400 and `{"__type": "<ExceptionName>", "message": ...}`.
 * The SDK picks the exception class from `__type`, so `type` must be the name the API reference lists
 * for the operation, or callers catching that class will not see it.
 */
export class AwsJsonError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/**
 * For inputs AWS would accept but this stand-in does not model: a name no AWS API uses, so nobody
 * mistakes a gap in the stand-in for AWS rejecting the request.
 */
export const notImplemented = (what: string) =>
  new AwsJsonError("NotImplementedByStandIn", `${what} is not implemented by the stand-in`);

/** One wire operation: the region from the signature and the JSON body in, the JSON response out. */
export type JsonOperation = (region: string, input: Record<string, unknown>) => unknown;
