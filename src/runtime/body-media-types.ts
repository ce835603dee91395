/**
 * The request body kinds the runtime reads besides JSON, and the media types that name them. The
 * codegen classifies a spec's media types with these; the runtime dispatches on the kinds it emits.
 */
export const FORM_MEDIA_TYPE = "application/x-www-form-urlencoded";
export const MULTIPART_MEDIA_TYPE = "multipart/form-data";

/** How a non-JSON request body is read: URL-encoded fields, multipart parts, or raw bytes. */
export type RequestBodyKind = "form" | "multipart" | "binary";

/** A form or multipart field's declared type, which its string value is coerced into before validation. */
export interface BodyFieldSpec {
  type: "string" | "number" | "integer" | "boolean" | "array" | "object" | "unknown";
  itemType?: "string" | "number" | "integer" | "boolean" | "unknown";
}

/** A multipart part that carried a file name: what the implementation receives for a `format: binary` field. */
export interface UploadedFile {
  filename: string;
  contentType: string;
  data: Buffer;
}
