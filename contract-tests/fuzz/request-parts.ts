import type { SpecOperation } from "../lib/openapi-document.cjs";
import type { Auth, FuzzRequest } from "./fuzz-request.js";

/** A request before assembly, kept structured so that mutations can break exactly one part of it. */
export interface RequestParts {
  pathParams: Record<string, string>;
  /** The declared query parameters, as sent (a mutation may repeat one). */
  query: Array<[string, string]>;
  /** The declared header parameters. */
  headers: Record<string, string>;
  /** `value` is serialized as JSON; `raw` is sent verbatim instead. No contentType: none is sent. */
  body?: { contentType?: string; value?: unknown; raw?: string };
  auth: Auth;
  /** Undeclared extras a valid request may carry: they must change nothing. */
  extraQuery: Array<[string, string]>;
  extraHeaders: Record<string, string>;
}

export function assembleRequest(operation: SpecOperation, parts: RequestParts): FuzzRequest {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_whole, name: string) =>
    encodeURIComponent(parts.pathParams[name] ?? ""),
  );
  const headers: Record<string, string> = { ...parts.extraHeaders, ...parts.headers };
  let body: string | undefined;
  if (parts.body) {
    body = parts.body.raw ?? JSON.stringify(parts.body.value);
    if (parts.body.contentType !== undefined) headers["Content-Type"] = parts.body.contentType;
  }
  return {
    method: operation.method,
    path,
    query: [...parts.query, ...parts.extraQuery],
    headers,
    auth: parts.auth,
    ...(body === undefined ? {} : { body }),
  };
}

export function copyParts(parts: RequestParts): RequestParts {
  return {
    ...parts,
    pathParams: { ...parts.pathParams },
    query: parts.query.map(([name, value]) => [name, value] as [string, string]),
    headers: { ...parts.headers },
    ...(parts.body ? { body: { ...parts.body, value: structuredClone(parts.body.value) } } : {}),
    extraQuery: [],
    extraHeaders: {},
  };
}

/** Parameters arrive as strings; this is how a client would write each JSON value. */
export function formatParameter(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
