import type { ServerResponse } from "node:http";

/** RFC 9457 problem details, the only error body the local stage ever sends. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  /** Which inputs are wrong, as JSON pointers into the request, like the handlers' validation errors. */
  errors?: Array<{ path: string; message: string }>;
}

export type ProblemSlug =
  | "invalid-request"
  | "unauthorized"
  | "not-found"
  | "method-not-allowed"
  | "request-timeout"
  | "payload-too-large"
  | "internal-error"
  | "bad-gateway"
  | "gateway-timeout";

const TITLES: Record<ProblemSlug, { status: number; title: string }> = {
  "invalid-request": { status: 400, title: "Bad Request" },
  unauthorized: { status: 401, title: "Unauthorized" },
  "not-found": { status: 404, title: "Not Found" },
  "method-not-allowed": { status: 405, title: "Method Not Allowed" },
  "request-timeout": { status: 408, title: "Request Timeout" },
  "payload-too-large": { status: 413, title: "Payload Too Large" },
  "internal-error": { status: 500, title: "Internal Server Error" },
  "bad-gateway": { status: 502, title: "Bad Gateway" },
  "gateway-timeout": { status: 504, title: "Gateway Timeout" },
};

export const PROBLEM_BASE_URI = "https://cellar.dev/problems/";

export function problem(
  slug: ProblemSlug,
  detail: string,
  instance: string,
  errors?: Problem["errors"],
): Problem {
  const { status, title } = TITLES[slug];
  const body: Problem = { type: `${PROBLEM_BASE_URI}${slug}`, title, status, detail, instance };
  if (errors) body.errors = errors;
  return body;
}

export interface SendProblemOptions {
  headers?: Record<string, string>;
  /** Ask the client to close the connection, e.g. when the rest of its body will never be read. */
  closeConnection?: boolean;
}

export function sendProblem(res: ServerResponse, body: Problem, options: SendProblemOptions = {}): void {
  if (res.headersSent) {
    // Too late for a clean problem: cutting the connection at least tells the client something broke.
    res.destroy();
    return;
  }
  const payload = Buffer.from(JSON.stringify(body));
  res.statusCode = body.status;
  for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
  if (options.closeConnection) res.setHeader("Connection", "close");
  res.setHeader("Content-Type", "application/problem+json");
  res.setHeader("Content-Length", payload.length);
  res.end(payload);
}
