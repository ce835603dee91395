import type { APIGatewayProxyEvent } from "aws-lambda";
import { collectParameters, type RawParameters } from "./coerce-parameters.js";
import type { OperationSpec, OperationValidators, ValidateFunction } from "./operation-spec.js";
import { type ProblemFieldError, validationFailed } from "./problem.js";
import { illFormedText, isWellFormedText } from "./well-formed-text.js";

export type ValidatedRequest = RawParameters & { body?: unknown };

/**
 * Path, query, headers and body, validated in one pass with the precompiled validator. Every
 * problem is reported at once: repeated parameters, then the schema's errors, then ill-formed text.
 * The validator is a type guard: what it accepts is returned as its `Request` type.
 */
export function validateRequest<Request>(
  spec: OperationSpec,
  validators: OperationValidators<Request>,
  event: APIGatewayProxyEvent,
  body: unknown,
): ValidatedRequest & Request {
  const errors: ProblemFieldError[] = [];
  const input: ValidatedRequest =
    spec.parameters.length === 0
      ? { path: {}, query: {}, headers: {} }
      : collectParameters(event, spec.parameters, errors);
  if (body !== undefined) input.body = body;
  const valid = validators.request(input);
  if (valid && errors.length === 0 && isWellFormedText(input)) return input;
  if (!valid) errors.push(...fieldErrors(validators.request));
  errors.push(...illFormedText(input, ""));
  if (valid && errors.length === 0) return input;
  throw validationFailed(errors);
}

export function fieldErrors(validate: ValidateFunction): ProblemFieldError[] {
  return (validate.errors ?? []).map((error) => {
    if (error.keyword === "required") {
      const missing = String(error.params.missingProperty);
      return { path: `${error.instancePath}/${missing}`, message: "is required" };
    }
    if (error.keyword === "additionalProperties") {
      return {
        path: `${error.instancePath}/${String(error.params.additionalProperty)}`,
        message: "is not allowed",
      };
    }
    return { path: error.instancePath || "/", message: error.message ?? error.keyword };
  });
}
