import type { IncomingMessage, ServerResponse } from "node:http";

/** Per-request state shared by the dispatcher and whichever endpoint ends up answering. */
export interface RequestScope {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  /** The path as received, still percent-encoded, without the query string. */
  path: string;
  rawQuery: string;
  startedAt: number;
  /** Set once routing knows it, for the access log. */
  operationId?: string;
  /** The qualified Lambda function the request went to, for the access log. */
  target?: string;
}

/** Splits a request target; absolute-form targets (sent to proxies) are reduced to their path. */
export function splitRequestTarget(url: string | undefined): { path: string; rawQuery: string } {
  let target = url ?? "/";
  if (!target.startsWith("/")) {
    try {
      const parsed = new URL(target);
      target = `${parsed.pathname}${parsed.search}`;
    } catch {
      return { path: target, rawQuery: "" };
    }
  }
  const queryAt = target.indexOf("?");
  return queryAt === -1
    ? { path: target, rawQuery: "" }
    : { path: target.slice(0, queryAt), rawQuery: target.slice(queryAt + 1) };
}
