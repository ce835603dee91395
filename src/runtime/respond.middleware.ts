import type middy from "@middy/core";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { logError } from "./log.js";
import type { OperationSpec, OperationValidators } from "./operation-spec.js";
import { internalError } from "./problem.js";
import { fieldErrors } from "./validate-request.middleware.js";

export type ResponseCheckMode = "enforce" | "log" | "off";

export function responseCheckModeFromEnv(env = process.env): ResponseCheckMode {
  const configured = env.CELLAR_RESPONSE_VALIDATION;
  if (configured === "enforce" || configured === "log" || configured === "off") return configured;
  // In production a contract slip is logged rather than turned into an outage.
  return env.NODE_ENV === "production" ? "log" : "enforce";
}

interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Turns the implementation's `{ status, body }` into a proxy result, after checking it against
 * the documented responses: an undocumented status or a body that breaks the schema is a bug.
 */
export function respond(
  spec: OperationSpec,
  validators: OperationValidators,
  mode: ResponseCheckMode,
): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return {
    after: (request) => {
      const result = request.response as unknown as HandlerResult;
      const key = String(result.status);
      const contentType = spec.responses[key];
      if (mode !== "off") {
        const problem = contractViolation(spec, validators, result, contentType);
        if (problem) {
          logError("response breaks the contract", problem, { operationId: spec.operationId, status: key });
          if (mode === "enforce") throw internalError(problem);
        }
      }
      const headers: Record<string, string> = { ...result.headers };
      const hasBody = result.body !== undefined && contentType;
      if (hasBody) headers["Content-Type"] = contentType;
      // RFC 9745 and RFC 8594: clients and gateways can warn before the operation goes away.
      if (spec.deprecated) headers.Deprecation = spec.deprecationHeader ?? "true";
      if (spec.sunsetHeader) headers.Sunset = spec.sunsetHeader;
      request.response = {
        statusCode: result.status,
        headers,
        body: hasBody ? JSON.stringify(result.body) : "",
      };
    },
  };
}

function contractViolation(
  spec: OperationSpec,
  validators: OperationValidators,
  result: HandlerResult,
  contentType: string | null | undefined,
): Error | undefined {
  if (contentType === undefined)
    return new Error(`status ${result.status} is not documented for ${spec.operationId}`);
  const validate = validators[`response${result.status}`];
  if (validate && !validate(result.body)) {
    const details = fieldErrors(validate).map((error) => `${error.path} ${error.message}`);
    return new Error(`response ${result.status} body: ${details.join("; ")}`);
  }
  return undefined;
}
