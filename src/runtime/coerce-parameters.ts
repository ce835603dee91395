import type { APIGatewayProxyEvent } from "aws-lambda";
import { headerValues } from "./header-value.js";
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
 * empty string is not silently 0. A scalar query parameter sent twice is an error (pushed onto
 * `errors`), not "last wins".
 */
export function collectParameters(
  event: APIGatewayProxyEvent,
  parameters: readonly ParameterSpec[],
  errors: ProblemFieldError[],
): RawParameters {
  const values: RawParameters = { path: {}, query: {}, headers: {} };
  for (const parameter of parameters) {
    const raw = rawValues(event, parameter);
    if (raw === undefined || raw.length === 0) continue;
    // Headers arrive in any case but are handed over under the name the spec declares.
    const target = parameter.in === "header" ? values.headers : values[parameter.in];
    const key = parameter.name;
    if (parameter.type === "array") {
      const items = raw.flatMap((value) => value.split(","));
      target[key] = items.map((item) => coerceParameter(item, parameter.itemType ?? "string"));
    } else if (raw.length > 1 && parameter.in === "query") {
      errors.push({ path: `/query/${parameter.name}`, message: "must not be repeated" });
    } else {
      target[key] = coerceParameter(raw[raw.length - 1]!, parameter.type);
    }
  }
  return values;
}

/** The parameter's raw strings; the multi-value maps, when API Gateway sends them, hold every one. */
function rawValues(event: APIGatewayProxyEvent, parameter: ParameterSpec): string[] | undefined {
  const name = parameter.name;
  if (parameter.in === "path") return wrapOne(ownValue(event.pathParameters, name));
  if (parameter.in === "header") return headerValues(event, name.toLowerCase());
  const multi = event.multiValueQueryStringParameters;
  return multi ? ownValue(multi, name) : wrapOne(ownValue(event.queryStringParameters, name));
}

function ownValue<T>(record: Record<string, T> | null | undefined, name: string): T | undefined {
  return record && Object.hasOwn(record, name) ? record[name] : undefined;
}

/** One raw string as its declared type; a string that does not parse as that type stays a string. */
export function coerceParameter(value: string, type: ParameterSpec["type"]): unknown {
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
