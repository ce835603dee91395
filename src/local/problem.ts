import type { ServerResponse } from "node:http";
import {
  GATEWAY_PROBLEMS,
  type GatewayResponseType,
  PROBLEM_TYPES,
  type ProblemSlug,
  problemTypeUri,
} from "../runtime/problem-types.js";

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

export type { ProblemSlug };

export function problem(
  slug: ProblemSlug,
  detail: string,
  instance: string,
  errors?: Problem["errors"],
): Problem {
  const { status, title } = PROBLEM_TYPES[slug];
  const body: Problem = { type: problemTypeUri(slug), title, status, detail, instance };
  if (errors) body.errors = errors;
  return body;
}

/** What the deployed API Gateway answers for `type` (its generated gateway response), as the local stage sends it. */
export function sendGatewayProblem(
  res: ServerResponse,
  type: GatewayResponseType,
  detail: string,
  instance: string,
): void {
  const { slug, headers } = GATEWAY_PROBLEMS[type];
  sendProblem(res, problem(slug, detail, instance), { headers: { ...headers } });
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
