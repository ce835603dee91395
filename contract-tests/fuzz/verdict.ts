import type { SpecOperation } from "../lib/openapi-document.cjs";
import { checkResponse } from "../lib/response-contract.cjs";
import type { SchemaValidator } from "../lib/schema-validator.cjs";
import type { FuzzResponse } from "./fuzz-client.js";
import type { FuzzCase } from "./fuzz-request.js";
import { FOREIGN_ORIGIN } from "./valid-request.js";

/**
 * Inputs the spec gives rules beyond their schema, in prose: `near` must lie within -90..90 and
 * -180..180, and a cursor must be one the API issued for the same query. A request valid by the
 * schemas may be refused (400) for these, and for nothing else.
 */
export const PROSE_RULE_INPUTS = new Set(["/query/near", "/query/cursor"]);

/** Headers that tell an attacker what runs the service. */
const REVEALING_HEADERS = ["server", "x-powered-by", "x-aspnet-version", "x-runtime"];
/** A stack frame, a source position or a dependency path in an error means internals leaked. */
const STACK_TRACE = /\n\s+at |\bat [\w.<>]+ \(|\.(?:ts|js|cjs|mjs):\d+|node_modules/;

interface ProblemBody {
  status?: unknown;
  errors?: Array<{ path?: unknown }>;
}

/** Everything wrong with `response` as the answer to `fuzzCase`; empty when it is right. */
export function judge(
  operation: SpecOperation,
  fuzzCase: FuzzCase,
  response: FuzzResponse,
  validator: SchemaValidator,
): string[] {
  const { status } = response;
  const failures: string[] = [];
  if (status >= 500) failures.push(`a server error (${status}) for a client's request`);
  failures.push(
    ...checkResponse({
      operation,
      status,
      headers: response.headers,
      bodyText: response.bodyText,
      validator,
    }),
  );
  failures.push(...apiWideRules(fuzzCase, response));
  if (fuzzCase.expect.kind === "valid") failures.push(...validRules(operation, fuzzCase, response));
  else {
    const { status: expected, errorPath } = fuzzCase.expect;
    if (status !== expected) failures.push(`expected ${expected}, got ${status}`);
    else if (errorPath && status === 400) {
      const paths = problemPaths(response);
      // The input itself or a member of it (`location: {}` is refused for its missing lat and lng).
      if (!paths.some((path) => path === errorPath || path.startsWith(`${errorPath}/`)))
        failures.push(`errors[] should name ${errorPath}, it names ${JSON.stringify(paths)}`);
    }
  }
  return failures.length === 0
    ? []
    : [...new Set(failures), `response: ${response.status} ${response.bodyText.slice(0, 400)}`];
}

function apiWideRules(fuzzCase: FuzzCase, response: FuzzResponse): string[] {
  const failures: string[] = [];
  const contentType = response.headers["content-type"] ?? "";
  if (response.status >= 400) {
    if (!contentType.startsWith("application/problem+json"))
      failures.push(`an error must be application/problem+json, got "${contentType}"`);
    const problem = response.json as ProblemBody | undefined;
    if (problem?.status !== response.status)
      failures.push(
        `problem "status" is ${JSON.stringify(problem?.status)}, the HTTP status is ${response.status}`,
      );
  }
  if (response.status === 401 && !/^bearer\b/i.test(response.headers["www-authenticate"] ?? ""))
    failures.push("401 without WWW-Authenticate: Bearer");
  if (response.status === 201 && !response.headers.location) failures.push("201 without a Location header");
  for (const name of REVEALING_HEADERS) {
    if (response.headers[name] !== undefined) failures.push(`reveals ${name}: ${response.headers[name]}`);
  }
  if (response.status >= 400 && STACK_TRACE.test(response.bodyText))
    failures.push("the error looks like it carries a stack trace or source path");
  const origin = Object.entries(fuzzCase.request.headers).find(
    ([name]) => name.toLowerCase() === "origin",
  )?.[1];
  if (origin === FOREIGN_ORIGIN && response.headers["access-control-allow-origin"] !== undefined) {
    failures.push(`CORS allows a foreign origin: ${response.headers["access-control-allow-origin"]}`);
  }
  return failures;
}

function validRules(operation: SpecOperation, fuzzCase: FuzzCase, response: FuzzResponse): string[] {
  const { status } = response;
  const failures: string[] = [];
  // A valid request with the right credentials and a small JSON body has earned none of these.
  const unearned = [401, 413, 415, ...(operation.groups.length > 0 ? [403] : [])];
  if (unearned.includes(status)) failures.push(`a valid request got ${status}`);
  if (status === 400) {
    const paths = problemPaths(response);
    const unexpected = paths.filter((path) => !PROSE_RULE_INPUTS.has(path));
    if (paths.length === 0 || unexpected.length > 0)
      failures.push(
        `a request valid by the spec was refused for ${JSON.stringify(unexpected.length ? unexpected : paths)}`,
      );
  }
  if (status >= 200 && status < 300 && fuzzCase.request.body !== undefined && response.json !== undefined) {
    failures.push(...echoMismatches(JSON.parse(fuzzCase.request.body), response.json));
  }
  return failures;
}

function problemPaths(response: FuzzResponse): string[] {
  const errors = (response.json as ProblemBody | undefined)?.errors ?? [];
  return errors.map((error) => String(error.path));
}

/**
 * What a client sent must come back unchanged wherever the response has the same member: SQL
 * metacharacters, prototype names and odd Unicode included. (Unpaired surrogates cannot survive
 * UTF-8 and are refused anyway, so they are compared as their replacement character.)
 */
export function echoMismatches(sent: unknown, received: unknown, at = ""): string[] {
  if (typeof sent === "string" && typeof received === "string") {
    return wellFormed(sent) === received
      ? []
      : [`${at} came back as ${JSON.stringify(received)}, sent ${JSON.stringify(sent)}`];
  }
  if (typeof sent === "number" && typeof received === "number") {
    // Coordinates nearer to 0 than a nanodegree are stored as 0 (see src/db/coordinates.ts).
    return sent === received || Math.abs(sent - received) < 1e-9
      ? []
      : [`${at} came back as ${received}, sent ${sent}`];
  }
  if (isObject(sent) && isObject(received)) {
    return Object.keys(sent).flatMap((key) =>
      Object.hasOwn(received, key) ? echoMismatches(sent[key], received[key], `${at}/${key}`) : [],
    );
  }
  return [];
}

// With the u flag a surrogate pair is one code point, so only unpaired halves match.
const LONE_SURROGATE = /[\ud800-\udfff]/gu;

function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, "\ufffd");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
