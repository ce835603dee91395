/** How a request body that is not JSON is sent; the generated client names the kind per operation. */
export type RequestBodyKind = "form" | "multipart" | "binary";

/**
 * A multipart body as a caller passes it: the `Files` fields (the spec's `format: binary` ones) as
 * Blobs (a `File` keeps its name), the other fields as the spec types them.
 */
export type MultipartInput<T, Files extends PropertyKey> = {
  [K in keyof T]: K extends Files ? (NonNullable<T[K]> extends readonly unknown[] ? Blob[] : Blob) : T[K];
};

/** A binary body: bytes, or a Blob. */
export type BinaryInput = Blob | Uint8Array;

/**
 * The body as fetch sends it: URLSearchParams for a form (fetch sets its Content-Type), FormData for
 * multipart (fetch writes the boundary into the Content-Type, which must therefore not be set by
 * hand), the bytes themselves for a binary body. An object field of a multipart body goes as a JSON
 * text part, which the server parses by the field's declared type.
 */
export function encodeRequestBody(kind: RequestBodyKind, body: unknown): BodyInit {
  if (kind === "binary") return body as BodyInit;
  const fields = Object.entries(body as Record<string, unknown>).flatMap(([name, value]) =>
    value === undefined
      ? []
      : Array.isArray(value)
        ? value.map((item) => [name, item] as const)
        : [[name, value] as const],
  );
  if (kind === "form") {
    return new URLSearchParams(fields.map(([name, value]) => [name, String(value)]));
  }
  const form = new FormData();
  for (const [name, value] of fields) {
    if (value instanceof Blob) form.append(name, value, value instanceof File ? value.name : name);
    else
      form.append(name, typeof value === "object" && value !== null ? JSON.stringify(value) : String(value));
  }
  return form;
}
