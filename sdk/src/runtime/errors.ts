/** An RFC 9457 problem document, the shape of every error body the Cellar API sends. */
export interface ProblemDocument {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  [member: string]: unknown;
}

/** The base of every error the SDK throws, so `catch` can tell SDK failures from bugs in the caller. */
export class CellarError extends Error {
  override name = "CellarError";
}

/**
 * The API answered with a non-2xx status. `status` and `body` are typed per operation from the spec:
 * a method's `...Error` type is a union with one member per documented status, so comparing
 * `error.status` narrows `error.body`.
 */
export class ApiError<Status extends number = number, Body = unknown> extends CellarError {
  override name = "ApiError";
  readonly status: Status;
  /** The parsed response body: a problem document for every error the Cellar API documents. */
  readonly body: Body;
  readonly headers: Headers;
  readonly method: string;
  readonly url: string;

  constructor(response: Response, body: Body, method: string) {
    const problem = asProblem(body);
    super(
      `${method} ${response.url} answered ${response.status}` +
        (problem?.title ? ` ${problem.title}` : "") +
        (problem?.detail ? `: ${problem.detail}` : ""),
    );
    this.status = response.status as Status;
    this.body = body;
    this.headers = response.headers;
    this.method = method;
    this.url = response.url;
  }

  /** The body as a problem document, or undefined when the server sent something else (e.g. a proxy's HTML). */
  get problem(): ProblemDocument | undefined {
    return asProblem(this.body);
  }
}

/** The request never got an HTTP answer: DNS, connection refused or reset, offline, CORS refusal. */
export class NetworkError extends CellarError {
  override name = "NetworkError";
}

/** No complete answer arrived within the request's `timeoutMs`. */
export class TimeoutError extends CellarError {
  override name = "TimeoutError";
}

/**
 * The member of an operation's error union `E` for one status `S`: `ApiErrorWithStatus<GetWineryError, 404>`
 * is the 404 with its typed body. For a plain `ApiError` (no union to pick from) it is an
 * `ApiError<S>` with E's body.
 */
export type ApiErrorWithStatus<E extends ApiError, S extends number> = [
  Extract<E, { readonly status: S }>,
] extends [never]
  ? ApiError<S, E["body"]>
  : Extract<E, { readonly status: S }>;

/**
 * Type guard for API errors, optionally for one status. To narrow to one status's typed body, name
 * the operation's error type and the status: `if (isApiError<GetWineryError, 404>(error, 404))
 * error.body.detail`. Both type arguments are needed: TypeScript infers none of them once one is
 * given (microsoft/TypeScript#26242, no partial type-argument inference), so
 * `isApiError<GetWineryError>(error, 404)` narrows only to the whole `GetWineryError` union.
 * Without type arguments, `isApiError(error, 409)` narrows to an `ApiError<409>`.
 */
export function isApiError<E extends ApiError, S extends E["status"]>(
  error: unknown,
  status: S,
): error is ApiErrorWithStatus<E, S>;
export function isApiError<E extends ApiError = ApiError>(error: unknown, status?: E["status"]): error is E;
export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

function asProblem(body: unknown): ProblemDocument | undefined {
  return typeof body === "object" && body !== null && !Array.isArray(body)
    ? (body as ProblemDocument)
    : undefined;
}
