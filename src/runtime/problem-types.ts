/**
 * Every problem type Cellar answers with (RFC 9457 `type`), whoever answers: a handler, the local
 * stage, or API Gateway itself (its gateway responses, generated from `GATEWAY_PROBLEMS`). One base
 * URI, one slug per kind of failure, one title per status.
 */
export const PROBLEM_BASE_URI = "https://cellar.dev/problems/";

export const PROBLEM_TYPES = {
  "bad-request": { status: 400, title: "Bad Request" },
  "validation-failed": { status: 400, title: "Bad Request" },
  unauthorized: { status: 401, title: "Unauthorized" },
  forbidden: { status: 403, title: "Forbidden" },
  "not-found": { status: 404, title: "Not Found" },
  "method-not-allowed": { status: 405, title: "Method Not Allowed" },
  "request-timeout": { status: 408, title: "Request Timeout" },
  conflict: { status: 409, title: "Conflict" },
  "payload-too-large": { status: 413, title: "Payload Too Large" },
  "unsupported-media-type": { status: 415, title: "Unsupported Media Type" },
  unprocessable: { status: 422, title: "Unprocessable Content" },
  "too-many-requests": { status: 429, title: "Too Many Requests" },
  /** A partner API key (`x-api-key`) is missing, unknown or not allowed on this stage. */
  "invalid-api-key": { status: 403, title: "Forbidden" },
  /** The API key's usage plan quota for the period is spent. */
  "quota-exceeded": { status: 429, title: "Too Many Requests" },
  "request-header-fields-too-large": { status: 431, title: "Request Header Fields Too Large" },
  /** A 4xx from Middy or another library, with its own status. */
  "http-error": { status: 400, title: "Bad Request" },
  internal: { status: 500, title: "Internal Server Error" },
  "not-implemented": { status: 501, title: "Not Implemented" },
  "bad-gateway": { status: 502, title: "Bad Gateway" },
  "service-unavailable": { status: 503, title: "Service Unavailable" },
  "gateway-timeout": { status: 504, title: "Gateway Timeout" },
  "loop-detected": { status: 508, title: "Loop Detected" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemSlug = keyof typeof PROBLEM_TYPES;

export const problemTypeUri = (slug: ProblemSlug): string => `${PROBLEM_BASE_URI}${slug}`;

/** The title of a status, whichever slug carries it (`http-error` may carry any 4xx). */
export function statusTitle(status: number): string {
  for (const { status: known, title } of Object.values(PROBLEM_TYPES)) if (known === status) return title;
  return "Error";
}

/** What a 401 asks for (RFC 6750): every 401, from a handler, the local stage or the gateway, says it. */
export const BEARER_CHALLENGE = "Bearer";

/**
 * `Retry-After` (seconds) on a 429: a throttled request may retry within a second (the token bucket
 * refills every second); a spent quota only resets with its period, so one hour is a polite floor.
 * API Gateway's gateway responses take static header values only, hence fixed numbers.
 */
export const RETRY_AFTER_SECONDS = { throttled: 1, quotaExceeded: 3600 } as const;

/**
 * The API Gateway gateway responses we replace, and the problem each becomes: generated into every
 * gateway definition (codegen/emit-gateway.ts) and answered the same way by the local stage where it
 * stands in for the gateway. Response types: https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 */
export const GATEWAY_PROBLEMS = {
  UNAUTHORIZED: { slug: "unauthorized", headers: { "WWW-Authenticate": BEARER_CHALLENGE } },
  ACCESS_DENIED: { slug: "forbidden", headers: {} },
  MISSING_AUTHENTICATION_TOKEN: { slug: "not-found", headers: {} },
  BAD_REQUEST_PARAMETERS: { slug: "bad-request", headers: {} },
  BAD_REQUEST_BODY: { slug: "bad-request", headers: {} },
  REQUEST_TOO_LARGE: { slug: "payload-too-large", headers: {} },
  THROTTLED: { slug: "too-many-requests", headers: { "Retry-After": String(RETRY_AFTER_SECONDS.throttled) } },
  // A missing and an unknown key are both INVALID_API_KEY (403): "every incoming request to the API
  // must contain an API key ... Otherwise ... the caller receives a 403 Forbidden response"
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html).
  INVALID_API_KEY: { slug: "invalid-api-key", headers: {} },
  QUOTA_EXCEEDED: {
    slug: "quota-exceeded",
    headers: { "Retry-After": String(RETRY_AFTER_SECONDS.quotaExceeded) },
  },
  DEFAULT_4XX: { slug: "bad-request", headers: {} },
  DEFAULT_5XX: { slug: "internal", headers: {} },
} as const satisfies Record<string, { slug: ProblemSlug; headers: Record<string, string> }>;

export type GatewayResponseType = keyof typeof GATEWAY_PROBLEMS;
