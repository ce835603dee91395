import type middy from "@middy/core";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { collectParameters } from "./coerce-parameters.js";
import { parsedRequestOf } from "./operation-context.js";
import type { OperationSpec, OperationValidators, ValidateFunction } from "./operation-spec.js";
import { type ProblemFieldError, validationFailed } from "./problem.js";
import { illFormedText } from "./well-formed-text.js";

/** Validates path, query, headers and body in one pass with the precompiled validator. */
export function validateRequest(
  spec: OperationSpec,
  validators: OperationValidators,
): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return {
    before: (request) => {
      const parsed = parsedRequestOf(request.event);
      const { values, errors } = collectParameters(request.event, spec.parameters);
      const input: NonNullable<typeof parsed.input> = { ...values };
      if (parsed.body !== undefined) input.body = parsed.body;
      const valid = validators.request(input);
      const all = [...errors, ...(valid ? [] : fieldErrors(validators.request)), ...illFormedText(input, "")];
      if (all.length > 0) throw validationFailed(all);
      parsed.input = input;
    },
  };
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
