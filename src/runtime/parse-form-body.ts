import { coerceBodyFields } from "./body-fields.js";
import type { BodyReader } from "./body-reader.js";
import { badRequest, type ProblemFieldError, validationFailed } from "./problem.js";
import { decodeUtf8, INVALID_UTF8_DETAIL, INVALID_UTF8_ERROR } from "./utf8.js";

/** An `application/x-www-form-urlencoded` body: the standard URLSearchParams, fields coerced by the schema. */
export const parseFormBody: BodyReader = (bytes, _contentType, spec) => {
  const text = decodeUtf8(bytes);
  if (text === undefined) throw badRequest(INVALID_UTF8_DETAIL, [INVALID_UTF8_ERROR]);
  const errors: ProblemFieldError[] = [];
  const body = coerceBodyFields(new URLSearchParams(text), spec.requestBodyFields ?? {}, errors);
  if (errors.length > 0) throw validationFailed(errors);
  return body;
};
