import type { RequestBodyKind } from "../sdk/src/runtime/request-body.js";
import { objectKey, sdkMethodName, sdkPropertyNames, versionSchemaAliases } from "./emit-sdk-names.js";
import { pascalCase } from "./naming.js";
import { isJsonContentType, isSecured, type OperationModel, requiresApiKey } from "./operations.js";
import {
  type OpenApiDocument,
  type ParameterObject,
  type RefObject,
  type RequestBodyObject,
  resolveRef,
  type SchemaObject,
} from "./spec.js";
import { NameAllocator } from "./unique-names.js";

export interface InputField {
  property: string;
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  description?: string;
  /** The spec's example value, for docs. */
  example?: unknown;
}

/** Everything the client module (and the SDK docs) say about one operation. */
export interface SdkOperation {
  operation: OperationModel;
  method: string;
  typeName: string;
  /** `paths["/v2/wineries"]["get"]`: works whether or not the spec gives operationIds. */
  opType: string;
  fields: InputField[];
  body?: {
    required: boolean;
    contentType: string;
    /** How the runtime encodes a body that is not JSON. */
    kind?: RequestBodyKind;
    /** A multipart body's file fields. */
    files?: string[];
    description?: string;
    example?: unknown;
  };
  idempotencyHeader?: string;
  paginated: boolean;
  replayable: boolean;
}

const IDEMPOTENT = new Set(["get", "head", "put", "delete", "options"]);

/** The typed client of one API version: `sdk/src/generated/<version>.gen.ts`. */
export function emitSdkClient(
  doc: OpenApiDocument,
  version: string,
  operations: OperationModel[],
  header: string,
  runtimeImport: string,
): string {
  const { operations: sdkOperations, aliases } = describeSdkVersion(doc, version, operations);
  const title = `${doc.info.title} ${doc.info.version}${version === "default" ? "" : `, ${version}`}`;
  const paginated = sdkOperations.filter((op) => op.paginated);
  const binary = sdkOperations.some((op) => op.body?.kind === "binary");
  const multipart = sdkOperations.some((op) => op.body?.files);
  return `${header}/**
 * Typed client for ${comment(title)}. Create one with {@link createClient}.
 * @module
 */
import {
  type ApiError,${binary ? "\n  type BinaryInput," : ""}
  type ClientOptions,
  createCaller,${multipart ? "\n  type MultipartInput," : ""}${paginated.length ? "\n  paginate," : ""}
  type RequestOptions,
} from "${runtimeImport}";
import type { components, paths } from "./types.gen.js";

export {
  ApiError,
  type ApiErrorWithStatus,
  CellarError,
  type ClientOptions,
  type CursorPage,
  isApiError,
  NetworkError,
  type ProblemDocument,
  type RequestOptions,
  type RetryOptions,
  TimeoutError,
  type TokenSource,
} from "${runtimeImport}";
export type { components, paths } from "./types.gen.js";

/** \`info.version\` of the spec this client was generated from; the package version follows it. */
export const SPEC_VERSION = ${JSON.stringify(doc.info.version)};

${aliases.map(({ alias, schema }) => `export type ${alias} = components["schemas"][${JSON.stringify(schema)}];`).join("\n")}
${sdkOperations.map(operationTypes).join("")}
/** One method per operation of ${comment(title)}. */
export interface Client {
${sdkOperations.map(methodSignature).join("\n")}
  /** Async iteration over every item of a paginated list, fetching pages as the loop reaches them. */
  readonly paginate: {${paginated.map((op) => `\n${paginateSignature(op)}`).join("")}
  };
}

/**
 * A client for ${comment(title)}: \`baseUrl\` is the API's origin; \`getToken\` supplies the bearer
 * token of secured operations. Requests time out, and idempotent ones are retried; see {@link ClientOptions}.
 */
export function createClient(options: ClientOptions): Client {
  const call = createCaller(options);
  const client: Client = {
${sdkOperations.map(methodImplementation).join("\n")}
    paginate: {${paginated.map((op) => `\n${paginateImplementation(op)}`).join("")}
    },
  };
  return client;
}
`;
}

/**
 * Names a version's module declares or imports besides its own types, and names TypeScript keeps
 * for itself: a schema alias or operation type never takes one of them.
 */
const MODULE_NAMES = [
  ...["ApiError", "CellarError", "ClientOptions", "CursorPage", "isApiError", "NetworkError"],
  ...["ProblemDocument", "RequestOptions", "RetryOptions", "TimeoutError", "TokenSource", "createCaller"],
  ...["paginate", "components", "paths", "Client", "createClient", "SPEC_VERSION"],
  ...["ApiErrorWithStatus", "Promise", "Omit", "NonNullable", "AsyncGenerator"],
  ...["any", "unknown", "never", "void", "object", "string", "number", "bigint", "boolean", "symbol"],
  ...["undefined", "null", "true", "false", "this", "type", "interface", "enum", "const", "let"],
  ...["break", "case", "catch", "class", "continue", "debugger", "default", "delete", "do", "else"],
  ...["export", "extends", "finally", "for", "function", "if", "import", "in", "instanceof", "new"],
  ...["return", "super", "switch", "throw", "try", "typeof", "var", "while", "with", "yield"],
  ...["implements", "package", "private", "protected", "public", "static", "await", "require"],
];

/**
 * Every operation of one version as the SDK names it, and the schema aliases it exports. Methods
 * (`Client` members) and module-level types are two namespaces, each handed out in operationId
 * order: a method whose version-stripped name is taken keeps its operationId; types take
 * `<Method>Input/Result/Error`, else `<Method>Operation…`; schema aliases come last.
 */
export function describeSdkVersion(
  doc: OpenApiDocument,
  version: string,
  operations: OperationModel[],
): { operations: SdkOperation[]; aliases: Array<{ alias: string; schema: string }> } {
  const methods = new NameAllocator(["paginate", "__proto__", "constructor"]);
  const types = new NameAllocator(MODULE_NAMES);
  const kinds = (name: string) => ["Input", "Result", "Error"].map((kind) => `${name}${kind}`);
  const described = operations.map((operation) => {
    const method = methods.claim([sdkMethodName(operation), operation.operationId]);
    const typeName = types.claim([pascalCase(method), `${pascalCase(method)}Operation`], kinds);
    return describeSdkOperation(doc, operation, method, typeName);
  });
  return { operations: described, aliases: versionSchemaAliases(doc, operations, version, types) };
}

function describeSdkOperation(
  doc: OpenApiDocument,
  operation: OperationModel,
  method: string,
  typeName: string,
): SdkOperation {
  const raw = rawParameters(doc, operation);
  const requestBody = operation.object.requestBody
    ? resolveRef<RequestBodyObject>(doc, operation.object.requestBody)
    : undefined;
  const contentTypes = operation.requestBody?.contentTypes ?? [];
  const contentType = contentTypes.includes("application/json")
    ? "application/json"
    : (contentTypes.find(isJsonContentType) ?? contentTypes[0]);
  const hasBody = operation.requestBody !== undefined && contentType !== undefined;
  const properties = sdkPropertyNames(operation.parameters, new NameAllocator(hasBody ? ["body"] : []));
  const fields = operation.parameters.map((parameter, index) => {
    const spec = raw.get(`${parameter.in}:${parameter.name}`);
    return {
      property: properties[index]!,
      name: parameter.name,
      in: parameter.in,
      required: parameter.required,
      description: typeof spec?.description === "string" ? spec.description : undefined,
      example: spec?.example ?? parameter.schema.example,
    };
  });
  const body =
    operation.requestBody && contentType
      ? {
          required: operation.requestBody.required,
          contentType,
          ...sdkBodyKind(operation, contentType),
          description: requestBody?.description as string | undefined,
          example: requestBody?.content[contentType]?.example ?? operation.requestBody.schema?.example,
        }
      : undefined;
  const idempotencyHeader = operation.parameters.find(
    (parameter) => parameter.in === "header" && parameter.name.toLowerCase() === "idempotency-key",
  )?.name;
  return {
    operation,
    method,
    typeName,
    opType: `paths[${JSON.stringify(operation.path)}][${JSON.stringify(operation.method)}]`,
    fields,
    ...(body ? { body } : {}),
    ...(idempotencyHeader ? { idempotencyHeader } : {}),
    paginated: isCursorPaginated(doc, operation),
    replayable: IDEMPOTENT.has(operation.method) || idempotencyHeader !== undefined,
  };
}

/** Descriptions and examples live on the raw (possibly `$ref`) parameters, path-level ones included. */
function rawParameters(doc: OpenApiDocument, operation: OperationModel): Map<string, ParameterObject> {
  const raw = [
    ...((doc.paths[operation.path]?.parameters as Array<ParameterObject | RefObject> | undefined) ?? []),
    ...(operation.object.parameters ?? []),
  ];
  return new Map(
    raw
      .map((entry) => resolveRef<ParameterObject>(doc, entry))
      .map((parameter) => [`${parameter.in}:${parameter.name}`, parameter]),
  );
}

/** A `cursor` query parameter and a JSON `{ items: [...], nextCursor }` success body. */
function isCursorPaginated(doc: OpenApiDocument, operation: OperationModel): boolean {
  if (!operation.parameters.some((parameter) => parameter.in === "query" && parameter.name === "cursor")) {
    return false;
  }
  const success = operation.responses.filter((response) => /^2\d\d$/.test(response.status));
  if (success.length !== 1 || !success[0]!.schema) return false;
  const schema = resolveRef<SchemaObject>(doc, success[0]!.schema);
  const properties = (schema.properties ?? {}) as Record<string, SchemaObject>;
  const items = properties.items ? resolveRef<SchemaObject>(doc, properties.items) : undefined;
  return items?.type === "array" && properties.nextCursor !== undefined;
}

function statusIndex(status: string): string {
  return /^\d{3}$/.test(status) ? status : JSON.stringify(status);
}

function operationTypes(op: SdkOperation): string {
  const { operation, typeName, opType } = op;
  const inputMembers = [
    ...op.fields.map(
      (field) =>
        `${docComment(field.description, "  ")}  ${field.property}${field.required ? "" : "?"}: NonNullable<${opType}["parameters"][${JSON.stringify(field.in)}]>[${JSON.stringify(field.name)}];`,
    ),
    ...(op.body
      ? [
          `${docComment(op.body.description, "  ")}  body${op.body.required ? "" : "?"}: ${sdkBodyType(op.body, `NonNullable<${opType}["requestBody"]>["content"][${JSON.stringify(op.body.contentType)}]`)};`,
        ]
      : []),
  ];
  const successes = operation.responses.filter((response) => /^2(\d\d|XX)$/i.test(response.status));
  const results = successes.map((response) =>
    response.contentType
      ? `${opType}["responses"][${statusIndex(response.status)}]["content"][${JSON.stringify(response.contentType)}]`
      : "void",
  );
  // 304 Not Modified is no error: the SDK answers it from its ETag cache (sdk/src/runtime/etag-cache.ts).
  const errors = operation.responses
    .filter((response) => !/^[12]/.test(response.status) && response.status !== "304")
    .map((response) => {
      const status = /^\d{3}$/.test(response.status) ? response.status : "number";
      const body = response.contentType
        ? `${opType}["responses"][${statusIndex(response.status)}]["content"][${JSON.stringify(response.contentType)}]`
        : "undefined";
      return `ApiError<${status}, ${body}>`;
    });
  const input = hasInput(op)
    ? `/** The input of {@link Client.${op.method}}. */
export interface ${typeName}Input {
${inputMembers.join("\n")}
}
`
    : "";
  return `
${input}/** What {@link Client.${op.method}} resolves to. */
export type ${typeName}Result = ${[...new Set(results)].join(" | ") || "void"};
/** What {@link Client.${op.method}} rejects with when the API answers with an error status: one member per documented status. */
export type ${typeName}Error =${errors.length ? errors.map((error) => `\n  | ${error}`).join("") : " ApiError"};
`;
}

export function hasInput(op: SdkOperation): boolean {
  return op.fields.length > 0 || op.body !== undefined;
}

export function inputRequired(op: SdkOperation): boolean {
  return op.fields.some((field) => field.required) || op.body?.required === true;
}

function methodSignature(op: SdkOperation): string {
  const { operation } = op;
  const auth = isSecured(operation)
    ? `needs a token${operation.groups.length ? ` (group ${operation.groups.join(", ")})` : ""}`
    : "public";
  const retries = op.replayable
    ? op.idempotencyHeader
      ? `retried safely: a random \`${op.idempotencyHeader}\` is sent unless you give one`
      : "retried on network errors, timeouts, 429 and 5xx"
    : "not retried (not idempotent)";
  const lines = [
    operation.summary ? `${operation.summary.replace(/\.?$/, ".")}` : undefined,
    typeof operation.object.description === "string" ? `\n${operation.object.description.trim()}` : undefined,
    `\n\`${operation.method.toUpperCase()} ${operation.path}\` · ${auth} · ${retries}.`,
    `@throws {@link ${op.typeName}Error} when the API answers with an error status.`,
    operation.deprecated ? "@deprecated" : undefined,
  ].filter((line): line is string => line !== undefined);
  const parameters = hasInput(op)
    ? `input${inputRequired(op) ? "" : "?"}: ${op.typeName}Input, options?: RequestOptions`
    : "options?: RequestOptions";
  return `${docComment(lines.join("\n"), "  ")}  ${op.method}(${parameters}): Promise<${op.typeName}Result>;`;
}

function paginateSignature(op: SdkOperation): string {
  return `    /** Every item of {@link Client.${op.method}}, page after page. */
    ${op.method}(
      input${inputRequired(op) ? "" : "?"}: Omit<${op.typeName}Input, "cursor">,
      options?: RequestOptions,
    ): AsyncGenerator<${op.typeName}Result["items"][number], void, undefined>;`;
}

function methodImplementation(op: SdkOperation): string {
  const { operation } = op;
  const group = (location: InputField["in"]) => {
    const fields = op.fields.filter((field) => field.in === location);
    return fields.length
      ? `{ ${fields.map((field) => `${objectKey(field.name)}: input.${field.property}`).join(", ")} }`
      : undefined;
  };
  const members = [
    `method: ${JSON.stringify(operation.method)}`,
    `path: ${JSON.stringify(operation.path)}`,
    isSecured(operation) ? "secured: true" : undefined,
    requiresApiKey(operation) ? "apiKey: true" : undefined,
    group("path") && `pathParams: ${group("path")}`,
    group("query") && `query: ${group("query")}`,
    group("header") && `header: ${group("header")}`,
    op.body ? "body: input.body" : undefined,
    op.body && op.body.contentType !== "application/json"
      ? `contentType: ${JSON.stringify(op.body.contentType)}`
      : undefined,
    op.body?.kind ? `bodyKind: ${JSON.stringify(op.body.kind)}` : undefined,
    op.idempotencyHeader ? `idempotencyHeader: ${JSON.stringify(op.idempotencyHeader)}` : undefined,
  ].filter(Boolean);
  const parameters = hasInput(op)
    ? inputRequired(op)
      ? "(input, options)"
      : "(input = {}, options)"
    : "(options)";
  return `    ${op.method}: ${parameters} =>
      call<${op.typeName}Result>(
        { ${members.join(", ")} },
        options,
      ),`;
}

function paginateImplementation(op: SdkOperation): string {
  const input = inputRequired(op) ? "(input, options)" : "(input = {}, options)";
  return `      ${op.method}: ${input} => paginate((cursor) => client.${op.method}({ ...input, cursor }, options)),`;
}

function docComment(text: string | undefined, indent: string): string {
  if (!text?.trim()) return "";
  const lines = comment(text.trim()).split("\n");
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((line) => `${indent} *${line ? ` ${line}` : ""}`).join("\n")}\n${indent} */\n`;
}

/** Text safe inside a block comment. */
function comment(text: string): string {
  return text.replace(/\*\//g, "*\\/");
}

/** A body the runtime sends otherwise than as JSON: its kind, and a multipart body's files. */
function sdkBodyKind(
  operation: OperationModel,
  contentType: string,
): { kind?: RequestBodyKind; files?: string[] } {
  const kind = operation.requestBody?.kinds[contentType.toLowerCase()];
  if (!kind) return {};
  const files = operation.requestBody?.files ?? [];
  return kind === "multipart" && files.length > 0 ? { kind, files } : { kind };
}

/** The body's type as a caller passes it: bytes for a binary body, Blobs for a multipart body's files. */
function sdkBodyType(body: NonNullable<SdkOperation["body"]>, specType: string): string {
  if (body.kind === "binary") return "BinaryInput";
  if (body.kind === "multipart" && body.files) {
    return `MultipartInput<${specType}, ${body.files.map((file) => JSON.stringify(file)).join(" | ")}>`;
  }
  return specType;
}
