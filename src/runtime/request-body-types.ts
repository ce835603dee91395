import type { UploadedFile } from "./body-media-types.js";
import type { OperationTypes } from "./typed-operation.js";

/**
 * A multipart schema's fields as the implementation receives them: the `Files` among them (the
 * schema's `format: binary` fields, which openapi-typescript types as strings) as uploaded files.
 */
export type MultipartFields<T, Files extends PropertyKey> = {
  [K in keyof T]: K extends Files
    ? NonNullable<T[K]> extends readonly unknown[]
      ? UploadedFile[]
      : UploadedFile
    : T[K];
};

type Content<C, Json extends PropertyKey, Bodies> = Pick<C, Json & keyof C> & Bodies;

/**
 * An operation's openapi-typescript types with its request bodies as the runtime reads them: the
 * JSON media types (`Json`) as the spec types them, and `Bodies` (form, multipart, binary) as read.
 * Media types the runtime cannot serve (the codegen warned about them) are left out.
 */
export type WithRequestBodies<O extends OperationTypes, Json extends PropertyKey, Bodies> = Omit<
  O,
  "requestBody"
> &
  (O extends { requestBody: { content: infer C } }
    ? { requestBody: { content: Content<C, Json, Bodies> } }
    : O extends { requestBody?: { content: infer C } }
      ? { requestBody?: { content: Content<C, Json, Bodies> } }
      : unknown);
