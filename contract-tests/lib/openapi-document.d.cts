// Types for openapi-document.cjs (CommonJS so that Dredd's hooks can require it).

export type JsonObject = { [key: string]: unknown };

export interface OpenApiParameter {
  name: string;
  in: "query" | "path" | "header" | "cookie";
  required?: boolean;
  schema?: JsonObject;
  example?: unknown;
  [key: string]: unknown;
}

export interface OpenApiMediaType {
  schema?: JsonObject;
  example?: unknown;
  [key: string]: unknown;
}

export interface OpenApiHeader {
  schema?: JsonObject;
  [key: string]: unknown;
}

export interface OpenApiResponse {
  description?: string;
  headers?: Record<string, OpenApiHeader>;
  content?: Record<string, OpenApiMediaType>;
}

export interface OpenApiRequestBody {
  required?: boolean;
  content?: Record<string, OpenApiMediaType>;
}

export interface SpecOperation {
  operationId: string;
  /** Upper case, e.g. `GET`. */
  method: string;
  /** Path template, e.g. `/v1/wineries/{wineryId}`. */
  path: string;
  /** Whether the effective `security` requires credentials. */
  /** Needs a signed-in caller (a bearer token). */
  secured: boolean;
  /** Needs a partner API key in `x-api-key`. */
  apiKey: boolean;
  /** `x-cellar-groups`: groups the caller must belong to. */
  groups: string[];
  parameters: OpenApiParameter[];
  requestBody?: OpenApiRequestBody;
  /** `x-cellar-max-body-bytes`: the operation's own body limit, when it has one. */
  maxBodyBytes?: number;
  /** Keyed by status code (`"200"`), range (`"4XX"`) or `"default"`. */
  responses: Record<string, OpenApiResponse>;
}

export type OpenApiDocument = JsonObject & {
  paths?: Record<string, JsonObject>;
  components?: JsonObject & { schemas?: Record<string, JsonObject> };
};

export declare const DEFAULT_SPEC_PATH: string;
export declare function loadSpec(specPath?: string): OpenApiDocument;
export declare function resolvePointer(doc: OpenApiDocument, ref: string): unknown;
export declare function deref<T>(doc: OpenApiDocument, value: T): T;
export declare function listOperations(doc: OpenApiDocument): SpecOperation[];
export declare function findOperation(
  operations: readonly SpecOperation[],
  method: string,
  pathTemplate: string,
): SpecOperation | undefined;
