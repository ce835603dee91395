import type { APIGatewayProxyResult } from "aws-lambda";
import { copyHeaders } from "./copy-headers.js";
import { BEARER_CHALLENGE, type ProblemSlug, problemTypeUri, statusTitle } from "./problem-types.js";

export interface ProblemFieldError {
  /** JSON pointer into the request: `/query/lat`, `/body/name`, `/headers/idempotency-key`. */
  path: string;
  message: string;
}

export interface ProblemInit {
  detail?: string;
  errors?: ProblemFieldError[];
  headers?: Record<string, string>;
  /** Whether `detail` may be shown to the client. Unexpected errors never expose theirs. */
  expose?: boolean;
  cause?: unknown;
}

/** An error that knows its HTTP status and renders as RFC 9457 `application/problem+json`. */
export class HttpProblem extends Error {
  override name = "HttpProblem";
  readonly status: number;
  readonly slug: ProblemSlug;
  readonly detail?: string;
  readonly errors?: ProblemFieldError[];
  readonly headers: Record<string, string>;
  readonly expose: boolean;

  constructor(status: number, slug: ProblemSlug, init: ProblemInit = {}) {
    super(init.detail ?? statusTitle(status), { cause: init.cause });
    this.status = status;
    this.slug = slug;
    this.detail = init.detail;
    this.errors = init.errors;
    this.headers = init.headers ?? {};
    this.expose = init.expose ?? status < 500;
  }

  get title(): string {
    return statusTitle(this.status);
  }

  get type(): string {
    return problemTypeUri(this.slug);
  }
}

export const badRequest = (detail: string, errors?: ProblemFieldError[]) =>
  new HttpProblem(400, "bad-request", { detail, errors });
export const validationFailed = (errors: ProblemFieldError[]) =>
  new HttpProblem(400, "validation-failed", {
    detail: "The request does not match the API contract.",
    errors,
  });
export const unauthorized = (detail = "A valid bearer token is required.") =>
  new HttpProblem(401, "unauthorized", { detail, headers: { "WWW-Authenticate": BEARER_CHALLENGE } });
export const forbidden = (detail = "You are not allowed to do this.") =>
  new HttpProblem(403, "forbidden", { detail });
export const notFound = (detail = "The resource does not exist.") =>
  new HttpProblem(404, "not-found", { detail });
export const conflict = (detail: string) => new HttpProblem(409, "conflict", { detail });
export const payloadTooLarge = (limitBytes: number) =>
  new HttpProblem(413, "payload-too-large", { detail: `The request body exceeds ${limitBytes} bytes.` });
export const unsupportedMediaType = (allowed: string[]) =>
  new HttpProblem(415, "unsupported-media-type", {
    detail: `Send the body as ${allowed.join(" or ")}.`,
    headers: { "Accept-Post": allowed.join(", ") },
  });
export const unprocessable = (detail: string) => new HttpProblem(422, "unprocessable", { detail });
export const serviceUnavailable = (detail: string, retryAfterSeconds = 1, cause?: unknown) =>
  new HttpProblem(503, "service-unavailable", {
    detail,
    headers: { "Retry-After": String(retryAfterSeconds) },
    expose: true,
    cause,
  });
export const notImplemented = (operationId: string) =>
  new HttpProblem(501, "not-implemented", {
    detail: `${operationId} has no implementation yet.`,
    expose: true,
  });
export const internalError = (cause?: unknown) =>
  new HttpProblem(500, "internal", { detail: "An unexpected error occurred.", expose: true, cause });

export function problemBody(problem: HttpProblem, instance?: string): Record<string, unknown> {
  return {
    type: problem.type,
    title: problem.title,
    status: problem.status,
    detail: problem.expose ? problem.detail : "An unexpected error occurred.",
    ...(instance ? { instance } : {}),
    ...(problem.errors?.length ? { errors: problem.errors } : {}),
  };
}

export function problemResponse(
  problem: HttpProblem,
  instance?: string,
): APIGatewayProxyResult & { headers: Record<string, string> } {
  const headers = copyHeaders(problem.headers);
  headers["Content-Type"] = "application/problem+json";
  return {
    statusCode: problem.status,
    headers,
    body: JSON.stringify(problemBody(problem, instance)),
  };
}
