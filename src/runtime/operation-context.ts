import type { APIGatewayProxyEvent } from "aws-lambda";
import type { Caller } from "./caller.js";

/** What the `before` middlewares learn about a request, handed to the implementation. */
export interface ParsedRequest {
  caller: Caller | null;
  body: unknown;
  input?: {
    path: Record<string, unknown>;
    query: Record<string, unknown>;
    headers: Record<string, unknown>;
    body?: unknown;
  };
}

// Keyed by the event object so that nothing extra has to travel on the event itself.
const parsedRequests = new WeakMap<APIGatewayProxyEvent, ParsedRequest>();

export function parsedRequestOf(event: APIGatewayProxyEvent): ParsedRequest {
  let parsed = parsedRequests.get(event);
  if (!parsed) {
    parsed = { caller: null, body: undefined };
    parsedRequests.set(event, parsed);
  }
  return parsed;
}
