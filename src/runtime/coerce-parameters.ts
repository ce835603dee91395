import type { APIGatewayProxyEvent } from "aws-lambda";
import type { ParameterSpec } from "./operation-spec.js";
import type { ProblemFieldError } from "./problem.js";

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export interface RawParameters {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
}

/**
 * Turns API Gateway's strings into the types the spec declares, before validation. Unlike ajv's
 * `coerceTypes`, an unparseable value stays a string (so the error says "must be number") and an
 * empty string is not silently 0. A scalar query parameter sent twice is an error, not "last wins".
 */
export function collectParameters(
  event: APIGatewayProxyEvent,
  parameters: ParameterSpec[],
): { values: RawParameters; errors: ProblemFieldError[] } {
  const values: RawParameters = { path: {}, query: {}, headers: {} };
  const errors: ProblemFieldError[] = [];
  const headers = lowerCaseKeys(event.multiValueHeaders, event.headers);
  const query = event.multiValueQueryStringParameters ?? wrapSingle(event.queryStringParameters);
  for (const parameter of parameters) {
    const raw =
      parameter.in === "path"
        ? wrapOne(event.pathParameters?.[parameter.name])
        : parameter.in === "query"
          ? query[parameter.name]
          : headers[parameter.name.toLowerCase()];
    if (raw === undefined || raw.length === 0) continue;
    // Headers arrive in any case but are handed over under the name the spec declares.
    const target = parameter.in === "header" ? values.headers : values[parameter.in];
    const key = parameter.name;
    if (parameter.type === "array") {
      const items = raw.flatMap((value) => value.split(","));
      target[key] = items.map((item) => coerce(item, parameter.itemType ?? "string"));
    } else if (raw.length > 1 && parameter.in === "query") {
      errors.push({ path: `/query/${parameter.name}`, message: "must not be repeated" });
    } else {
      target[key] = coerce(raw[raw.length - 1]!, parameter.type);
    }
  }
  return { values, errors };
}

function coerce(value: string, type: ParameterSpec["type"]): unknown {
  switch (type) {
    case "number":
      return NUMBER.test(value) ? Number(value) : value;
    case "integer": {
      const number = NUMBER.test(value) ? Number(value) : Number.NaN;
      return Number.isInteger(number) ? number : value;
    }
    case "boolean":
      return value === "true" ? true : value === "false" ? false : value;
    default:
      return value;
  }
}

function wrapOne(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : [value];
}

function wrapSingle(record: Record<string, string | undefined> | null): Record<string, string[] | undefined> {
  const out: Record<string, string[] | undefined> = {};
  for (const [key, value] of Object.entries(record ?? {})) out[key] = wrapOne(value);
  return out;
}

function lowerCaseKeys(
  multi: Record<string, string[] | undefined> | null | undefined,
  single: Record<string, string | undefined> | null | undefined,
): Record<string, string[] | undefined> {
  const out: Record<string, string[] | undefined> = {};
  for (const [key, value] of Object.entries(single ?? {})) out[key.toLowerCase()] = wrapOne(value);
  for (const [key, value] of Object.entries(multi ?? {})) out[key.toLowerCase()] = value;
  return out;
}
