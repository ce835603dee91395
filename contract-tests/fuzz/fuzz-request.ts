import type { TokenRole } from "../setup/tokens.js";

/** Who a request claims to be: one of the run's callers, nobody, or a raw (usually forged) credential. */
export type Auth =
  | { kind: "role"; role: TokenRole }
  | { kind: "none" }
  | { kind: "raw"; label: string; value: string };

/**
 * One concrete request, kept apart from the tokens so a failing case prints short and replays the
 * same. `query` is a list of pairs because a hostile request may repeat a name.
 */
export interface FuzzRequest {
  method: string;
  /** The path with its parameters filled in (and percent-encoded), without the query string. */
  path: string;
  query: Array<[string, string]>;
  headers: Record<string, string>;
  auth: Auth;
  /** The body exactly as sent; absent for none. */
  body?: string;
}

/** What the response to a case must be. */
export type Expectation =
  /** A valid request: any documented status short of the ones a valid request can never earn. */
  | { kind: "valid" }
  /** A hostile request: exactly this (documented) 4xx, naming `errorPath` among errors[] for a 400. */
  | { kind: "reject"; status: number; errorPath?: string };

export interface FuzzCase {
  /** `valid`, or the mutation that made the request invalid. */
  label: string;
  request: FuzzRequest;
  expect: Expectation;
}

export function queryString(query: ReadonlyArray<[string, string]>): string {
  return query.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join("&");
}

export function targetOf(request: FuzzRequest): string {
  const query = queryString(request.query);
  return query === "" ? request.path : `${request.path}?${query}`;
}

function describeAuth(auth: Auth): string {
  if (auth.kind === "role") return `as ${auth.role}`;
  if (auth.kind === "raw") return `with ${auth.label} token`;
  return "anonymously";
}

/** A readable, copy-pasteable account of a case, for counterexamples. */
export function describeCase(fuzzCase: FuzzCase): string {
  const { request } = fuzzCase;
  const lines = [`[${fuzzCase.label}] ${request.method} ${targetOf(request)} ${describeAuth(request.auth)}`];
  for (const [name, value] of Object.entries(request.headers)) lines.push(`  ${name}: ${clip(value)}`);
  if (request.body !== undefined) lines.push(`  body: ${clip(JSON.stringify(request.body))}`);
  const { expect } = fuzzCase;
  lines.push(
    expect.kind === "valid"
      ? "  expected: a documented, non-5xx answer"
      : `  expected: ${expect.status}${expect.errorPath ? ` naming ${expect.errorPath}` : ""}`,
  );
  return lines.join("\n");
}

function clip(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}... (${text.length} chars)` : text;
}
