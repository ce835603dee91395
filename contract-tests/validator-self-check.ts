import type { JsonObject, SpecOperation } from "./lib/openapi-document.cjs";
import { checkResponse } from "./lib/response-contract.cjs";
import type { SchemaValidator } from "./lib/schema-validator.cjs";

/**
 * Proves, on every run, that the validator grading Dredd's and our responses can fail: each
 * documented JSON example must pass, and a copy with one value of the wrong type must not.
 * Returns what went wrong; empty when the validator behaves.
 */
export function validatorSelfCheck(
  operations: readonly SpecOperation[],
  validator: SchemaValidator,
): string[] {
  const problems: string[] = [];
  let broken = 0;
  for (const operation of operations) {
    for (const [status, response] of Object.entries(operation.responses)) {
      for (const [mediaType, media] of Object.entries(response.content ?? {})) {
        if (media.example === undefined || !/json/.test(mediaType)) continue;
        const headers = { "content-type": mediaType, ...documentedHeaderValues(response.headers) };
        const grade = (body: unknown) =>
          checkResponse({
            operation,
            status: Number(status),
            headers,
            bodyText: JSON.stringify(body),
            validator,
          });
        const asDocumented = grade(media.example);
        if (asDocumented.length > 0) {
          problems.push(
            `${operation.operationId} ${status}: the spec's own example fails: ${asDocumented.join("; ")}`,
          );
        }
        const wrong = breakOneType(media.example);
        if (wrong === undefined) continue;
        broken += 1;
        if (grade(wrong).length === 0) {
          problems.push(
            `${operation.operationId} ${status}: a body with a wrong type passed: ${JSON.stringify(wrong)}`,
          );
        }
      }
    }
  }
  if (broken === 0) problems.push("no JSON example in the spec to break: the validator is unproven");
  return problems;
}

/** The documented headers' example values, so that header checks pass for the untouched example. */
function documentedHeaderValues(headers: Record<string, JsonObject> | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, header] of Object.entries(headers ?? {}))
    values[name.toLowerCase()] = String(header.example ?? "x");
  return values;
}

/** A deep copy with the first number turned into a string (or the first string into a number). */
export function breakOneType(value: unknown): unknown {
  let done = false;
  const walk = (node: unknown, wantNumber: boolean): unknown => {
    if (done) return node;
    if (wantNumber && typeof node === "number") {
      done = true;
      return String(node);
    }
    if (!wantNumber && typeof node === "string") {
      done = true;
      return 12345;
    }
    if (Array.isArray(node)) return node.map((item) => walk(item, wantNumber));
    if (node && typeof node === "object") {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, walk(item, wantNumber)]));
    }
    return node;
  };
  const withString = walk(value, true);
  if (done) return withString;
  const withNumber = walk(value, false);
  return done ? withNumber : undefined;
}
