import type { APIGatewayProxyResult } from "aws-lambda";
import { copyHeaders } from "./copy-headers.js";
import { logError } from "./log.js";
import type { OperationSpec, OperationValidators, ValidateFunction } from "./operation-spec.js";
import { internalError } from "./problem.js";
import type { ResponseCheckMode } from "./runtime-settings.js";
import { fieldErrors } from "./validate-request.js";

/** A proxy result whose headers are always there, as every response of ours carries some. */
export type ProxyResponse = APIGatewayProxyResult & { headers: Record<string, string> };

/** What the implementation returns. */
export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One documented response: its content type (`null` for an empty body) and its body's validator. */
interface DocumentedResponse {
  contentType: string | null;
  validate: ValidateFunction | undefined;
}

/** Looked up by status on every request, so built once per operation. */
export type DocumentedResponses = Readonly<Record<string, DocumentedResponse>>;

export function documentedResponses(
  spec: OperationSpec,
  validators: OperationValidators,
): DocumentedResponses {
  // No prototype: a status is looked up as a key, and no status may find an inherited one.
  const responses: Record<string, DocumentedResponse> = Object.create(null);
  for (const [status, contentType] of Object.entries(spec.responses)) {
    responses[status] = { contentType, validate: validators[`response${status}`] };
  }
  return responses;
}

/**
 * Turns the implementation's `{ status, body }` into a proxy result, after checking it against
 * the documented responses: an undocumented status or a body that breaks the schema is a bug.
 */
export function respond(
  spec: OperationSpec,
  responses: DocumentedResponses,
  mode: ResponseCheckMode,
  result: HandlerResult,
): ProxyResponse {
  const documented = responses[result.status];
  if (mode !== "off") {
    const problem = contractViolation(spec, documented, result);
    if (problem) {
      logError("response breaks the contract", problem, {
        operationId: spec.operationId,
        status: String(result.status),
      });
      if (mode === "enforce") throw internalError(problem);
    }
  }
  const contentType = documented?.contentType;
  const headers = copyHeaders(result.headers);
  const hasBody = result.body !== undefined && contentType;
  if (hasBody) headers["Content-Type"] = contentType;
  // RFC 9745 and RFC 8594: clients and gateways can warn before the operation goes away.
  if (spec.deprecated) headers.Deprecation = spec.deprecationHeader ?? "true";
  if (spec.sunsetHeader) headers.Sunset = spec.sunsetHeader;
  return { statusCode: result.status, headers, body: hasBody ? JSON.stringify(result.body) : "" };
}

function contractViolation(
  spec: OperationSpec,
  documented: DocumentedResponse | undefined,
  result: HandlerResult,
): Error | undefined {
  if (documented === undefined)
    return new Error(`status ${result.status} is not documented for ${spec.operationId}`);
  const validate = documented.validate;
  if (validate && !validate(result.body)) {
    const details = fieldErrors(validate).map((error) => `${error.path} ${error.message}`);
    return new Error(`response ${result.status} body: ${details.join("; ")}`);
  }
  return undefined;
}
