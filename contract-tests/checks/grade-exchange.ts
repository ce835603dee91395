import type { SpecOperation } from "../lib/openapi-document.cjs";
import { checkResponse } from "../lib/response-contract.cjs";
import type { SchemaValidator } from "../lib/schema-validator.cjs";
import type { Exchange } from "../setup/http-client.js";

interface ProblemBody {
  status?: unknown;
  errors?: Array<{ path?: unknown; message?: unknown }>;
}

/**
 * Grades one exchange against the status it was meant to trigger: the spec's contract for that
 * status (media type, full body schema, documented headers) plus the API-wide rules for errors.
 */
export function gradeExchange(
  exchange: Exchange,
  operation: SpecOperation,
  expectedStatus: number,
  validator: SchemaValidator,
  errorPath?: string,
): string[] {
  if (exchange.status !== expectedStatus) {
    return [`expected ${expectedStatus}, got ${exchange.status}: ${exchange.bodyText.slice(0, 300)}`];
  }
  const failures = checkResponse({
    operation,
    status: exchange.status,
    headers: exchange.headers,
    bodyText: exchange.bodyText,
    validator,
  });
  const contentType = exchange.headers["content-type"] ?? "";
  if (expectedStatus >= 400) {
    if (!contentType.startsWith("application/problem+json")) {
      failures.push(`an error must be application/problem+json, got "${contentType}"`);
    }
    const problem = exchange.json as ProblemBody | undefined;
    if (problem?.status !== expectedStatus) {
      failures.push(
        `problem "status" is ${JSON.stringify(problem?.status)}, the HTTP status is ${expectedStatus}`,
      );
    }
    if (expectedStatus === 400) failures.push(...checkErrorPath(problem, errorPath));
  } else if (exchange.bodyText.length > 0 && !contentType.startsWith("application/json")) {
    failures.push(`a body must be application/json, got "${contentType}"`);
  }
  if (expectedStatus === 401 && !/^bearer\b/i.test(exchange.headers["www-authenticate"] ?? "")) {
    failures.push(
      `401 needs WWW-Authenticate: Bearer, got ${JSON.stringify(exchange.headers["www-authenticate"])}`,
    );
  }
  if (expectedStatus === 201 && !exchange.headers.location) failures.push("201 needs a Location header");
  return failures;
}

function checkErrorPath(problem: ProblemBody | undefined, errorPath: string | undefined): string[] {
  if (errorPath === undefined) return ["probe bug: a 400 case must say which input errors[] has to name"];
  const paths = (problem?.errors ?? []).map((error) => error.path);
  if (!paths.includes(errorPath)) {
    return [`errors[] should name ${errorPath}, it names ${JSON.stringify(paths)}`];
  }
  return [];
}
