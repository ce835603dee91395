import type { BodyFieldSpec, RequestBodyKind } from "./body-media-types.js";

/** Runtime facts about one operation, emitted by the codegen next to its precompiled validators. */
export interface OperationSpec {
  operationId: string;
  method: string;
  path: string;
  parameters: ParameterSpec[];
  /** Accepted request content types; `null` when the operation takes no body. */
  requestContentTypes: string[] | null;
  requestBodyRequired: boolean;
  /**
   * Accepted media types (lower case) read otherwise than as JSON, and how; emitted only for
   * operations that have some. Their readers come with the generated wrapper (`BodyReaders`).
   */
  requestBodyKinds?: Readonly<Record<string, RequestBodyKind>>;
  /** Declared types of a form or multipart body's fields, to coerce their strings by. */
  requestBodyFields?: Readonly<Record<string, BodyFieldSpec>>;
  /** Largest request body accepted, in bytes, before decoding; 64 KB when the spec sets none. */
  maxBodyBytes?: number;
  /** Documented responses: status -> content type (`null` for an empty body). */
  responses: Record<string, string | null>;
  secured: boolean;
  groups: string[];
  deprecated: boolean;
  /** `Deprecation` header value (RFC 9745, `@<epoch seconds>`) when the spec dates it; `true` otherwise. */
  deprecationHeader?: string;
  /** `Sunset` header value (RFC 8594, an HTTP-date) from the spec's `x-sunset`. */
  sunsetHeader?: string;
}

export interface ParameterSpec {
  name: string;
  in: "path" | "query" | "header";
  /** The JSON type to coerce the raw string(s) into before validation. */
  type: "string" | "number" | "integer" | "boolean" | "array" | "object" | "unknown";
  itemType?: "string" | "number" | "integer" | "boolean" | "unknown";
}

/**
 * A precompiled ajv validator. `T` is what a valid value is: the generated declaration of each
 * operation's validators says so (the request validator checks exactly the spec's types).
 */
export type ValidateFunction<T = unknown> = ((data: unknown) => data is T) & {
  errors?: Array<{
    instancePath: string;
    keyword: string;
    message?: string;
    params: Record<string, unknown>;
  }> | null;
};

/** The shape of a generated `validators/<operationId>.gen.js` module; `Request` is a valid request. */
export interface OperationValidators<Request = unknown> {
  request: ValidateFunction<Request>;
  [response: `response${string}`]: ValidateFunction | undefined;
}
