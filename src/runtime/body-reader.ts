import type { RequestBodyKind } from "./body-media-types.js";
import type { OperationSpec } from "./operation-spec.js";

/**
 * Reads one non-JSON body kind from the request's bytes. The generated wrapper of an operation
 * passes only the readers its media types need, so a JSON-only handler's bundle carries none.
 */
export type BodyReader = (bytes: Buffer, contentType: string, spec: OperationSpec) => unknown;

export type BodyReaders = Readonly<Partial<Record<RequestBodyKind, BodyReader>>>;
