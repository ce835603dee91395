import { operationDeprecation } from "./deprecation.js";
import { bodyReaders, requestBodySpec, requestBodyTypes } from "./emit-request-body.js";
import { resolveSchema, valueType } from "./json-type.js";
import { pascalCase } from "./naming.js";
import { isSecured, type OperationModel } from "./operations.js";
import type { OpenApiDocument } from "./spec.js";
import { SpecError } from "./spec.js";

/**
 * The typed wrapper factory for one operation: runtime facts (parameter types for coercion,
 * accepted content types, documented responses, security) plus the precompiled validators.
 */
export function emitOperationModule(
  doc: OpenApiDocument,
  operation: OperationModel,
  runtimeImport: string,
  header: string,
): string {
  const { operationId } = operation;
  const name = pascalCase(operationId);
  const spec = {
    operationId,
    method: operation.method.toUpperCase(),
    path: operation.path,
    parameters: operation.parameters.map((parameter) => ({
      name: parameter.name,
      in: parameter.in,
      ...valueType(doc, parameter.schema),
    })),
    requestContentTypes: operation.requestBody ? operation.requestBody.contentTypes : null,
    requestBodyRequired: operation.requestBody?.required ?? false,
    ...requestBodySpec(operation),
    ...maxBodyBytes(operation),
    responses: Object.fromEntries(
      operation.responses.map((response) => [response.status, response.contentType ?? null]),
    ),
    secured: isSecured(operation),
    groups: operation.groups,
    deprecated: operation.deprecated,
    ...deprecationHeaders(operation),
  };
  const summary = operation.summary ? ` — ${operation.summary}` : "";
  const { types, defaults, imports } = requestTypes(doc, operation);
  // A secured operation's implementation gets a `Caller`: the wrapper answers 401/403 without one.
  const [define, caller] = isSecured(operation)
    ? ["defineSecuredOperation", "Caller"]
    : ["defineOperation", "Caller | null"];
  const readers = bodyReaders(operation);
  const runtimeNames = [
    "type Caller",
    define,
    "type OperationImplementation",
    "type OperationSpec",
    ...(readers?.imports ?? []),
    ...imports.map((name) => `type ${name}`),
  ].sort((a, b) => a.replace(/^type /, "").localeCompare(b.replace(/^type /, "")));
  return `${header}import { ${runtimeNames.join(", ")} } from "${runtimeImport}";
import type { paths } from "../types.gen.js";
import validators from "../validators/${operationId}.gen.js";

export const ${operationId}Spec = ${JSON.stringify(spec, null, 2)} as const satisfies OperationSpec;

export type ${name}Implementation = OperationImplementation<${types}, ${defaults}, ${caller}>;

/** ${operation.method.toUpperCase()} ${operation.path}${summary} */
export const ${operationId} = (implementation: ${name}Implementation) =>
  ${define}(${operationId}Spec, validators, implementation${readers ? `, ${readers.argument}` : ""});
`;
}

/**
 * The declaration of an operation's validators module: its request validator is a type guard for
 * the request the implementation is typed with, so the wrapper hands the implementation what the
 * validator accepted without a cast.
 */
export function emitValidatorDeclaration(
  doc: OpenApiDocument,
  operation: OperationModel,
  runtimeImport: string,
  header: string,
): string {
  const { types, defaults, imports } = requestTypes(doc, operation);
  const names = ["OperationRequest", "OperationValidators", ...imports].sort();
  return `${header}import type { ${names.join(", ")} } from "${runtimeImport}";
import type { paths } from "../types.gen.js";
declare const validators: OperationValidators<OperationRequest<${types}, ${defaults}>>;
export default validators;
`;
}

/**
 * openapi-typescript's types of the operation, and the query parameters with a spec default (ajv
 * fills them in, so they are never undefined). Operations without an operationId only exist under
 * `paths` in openapi-typescript's output, hence the path and method.
 */
function requestTypes(
  doc: OpenApiDocument,
  operation: OperationModel,
): { types: string; defaults: string; imports: string[] } {
  const defaults = operation.parameters
    .filter(
      (parameter) => parameter.in === "query" && resolveSchema(doc, parameter.schema).default !== undefined,
    )
    .map((parameter) => JSON.stringify(parameter.name));
  const base = `paths[${JSON.stringify(operation.path)}][${JSON.stringify(operation.method)}]`;
  return { ...requestBodyTypes(base, operation), defaults: defaults.join(" | ") || "never" };
}

/** Precomputed `Deprecation`/`Sunset` values, only when the spec dates them (keeps other modules unchanged). */
function deprecationHeaders(operation: OperationModel): {
  deprecationHeader?: string;
  sunsetHeader?: string;
} {
  const { deprecationHeader, sunsetHeader } = operationDeprecation(operation);
  return {
    ...(deprecationHeader ? { deprecationHeader } : {}),
    ...(sunsetHeader ? { sunsetHeader } : {}),
  };
}

/**
 * `x-cellar-max-body-bytes` raises (or lowers) the runtime's default 64 KB body limit for one
 * operation, e.g. a bulk import. Emitted only when set, so other modules stay unchanged.
 */
function maxBodyBytes(operation: OperationModel): { maxBodyBytes?: number } {
  const value = operation.object["x-cellar-max-body-bytes"];
  if (value === undefined) return {};
  if (!Number.isInteger(value) || (value as number) < 1) {
    throw new SpecError(
      `x-cellar-max-body-bytes of ${operation.operationId} must be a positive integer, got ${JSON.stringify(value)}`,
    );
  }
  return { maxBodyBytes: value as number };
}
