import type { APIGatewayProxyEvent } from "aws-lambda";
import type { BodyReaders } from "./body-reader.js";
import { headerValue } from "./header-value.js";
import type { OperationSpec } from "./operation-spec.js";
import { DEFAULT_OPERATION_MAX_BODY_BYTES, parseBody } from "./parse-body.js";
import { payloadTooLarge, validationFailed } from "./problem.js";

/**
 * The body of an operation that accepts form, multipart or binary media types besides (or instead
 * of) JSON: a media type of one of those kinds goes to its reader, anything else to the JSON path
 * (`parseBody`), which also answers 415 for a media type the operation does not declare.
 * A binary body is a `Buffer`; a multipart one a promise (the platform's parser is asynchronous).
 */
export function readRequestBody(
  spec: OperationSpec,
  readers: BodyReaders,
  event: APIGatewayProxyEvent,
): unknown | Promise<unknown> {
  const kinds = spec.requestBodyKinds ?? {};
  const contentType = headerValue(event, "content-type");
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  const kind = Object.hasOwn(kinds, mediaType) ? kinds[mediaType] : undefined;
  const reader = kind ? readers[kind] : undefined;
  const body = event.body;
  const empty = body === null || body === undefined || body === "";
  if (!reader || !contentType || empty)
    return requirePresent(spec, empty ? undefined : parseBody(spec, event));
  const bytes = event.isBase64Encoded ? Buffer.from(body, "base64") : Buffer.from(body, "utf8");
  const maxBytes = spec.maxBodyBytes ?? DEFAULT_OPERATION_MAX_BODY_BYTES;
  if (bytes.byteLength > maxBytes) throw payloadTooLarge(maxBytes);
  return reader(bytes, contentType, spec);
}

/**
 * The request validator of such an operation does not require `body` (a binary body is not
 * something a JSON Schema can check), so a required body is checked here.
 */
function requirePresent(spec: OperationSpec, body: unknown): unknown {
  if (body === undefined && spec.requestBodyRequired) {
    throw validationFailed([{ path: "/body", message: "is required" }]);
  }
  return body;
}
