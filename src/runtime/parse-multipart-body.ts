import { coerceBodyFields, type RawFieldValue } from "./body-fields.js";
import { MULTIPART_MEDIA_TYPE } from "./body-media-types.js";
import type { BodyReader } from "./body-reader.js";
import { badRequest, type ProblemFieldError, validationFailed } from "./problem.js";

/**
 * A `multipart/form-data` body, parsed by the platform's own parser (`Request.formData()`, undici
 * in Node) rather than one of ours. A part with a file name becomes `{ filename, contentType, data }`;
 * the other parts are text fields, coerced by the schema like form fields.
 */
export const parseMultipartBody: BodyReader = async (bytes, contentType, spec) => {
  let form: FormData;
  try {
    form = await new Request("http://body.invalid/", {
      method: "POST",
      headers: { "content-type": contentType },
      // A Lambda body Buffer is never backed by a SharedArrayBuffer, which is all the type rules out.
      body: bytes as Uint8Array<ArrayBuffer>,
    }).formData();
  } catch (error) {
    throw badRequest(`The request body is not valid ${MULTIPART_MEDIA_TYPE}: ${(error as Error).message}`, [
      { path: "/body", message: `must be valid ${MULTIPART_MEDIA_TYPE}` },
    ]);
  }
  const entries: Array<[string, RawFieldValue]> = [];
  for (const [name, value] of form) {
    entries.push([
      name,
      typeof value === "string"
        ? value
        : {
            filename: value.name,
            contentType: value.type || "application/octet-stream",
            data: Buffer.from(await value.arrayBuffer()),
          },
    ]);
  }
  const errors: ProblemFieldError[] = [];
  const body = coerceBodyFields(entries, spec.requestBodyFields ?? {}, errors);
  if (errors.length > 0) throw validationFailed(errors);
  return body;
};
