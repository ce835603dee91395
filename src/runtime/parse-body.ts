import type { APIGatewayProxyEvent } from "aws-lambda";
import { headerValue } from "./header-value.js";
import { nestsDeeperThan, TOO_DEEP_DETAIL, TOO_DEEP_ERROR } from "./json-depth.js";
import type { OperationSpec } from "./operation-spec.js";
import { NDJSON_MEDIA_TYPE, parseNdjson } from "./parse-ndjson.js";
import { badRequest, payloadTooLarge, unsupportedMediaType } from "./problem.js";
import { decodeUtf8, INVALID_UTF8_DETAIL, INVALID_UTF8_ERROR } from "./utf8.js";

/** A body limit for operations without `x-cellar-max-body-bytes`. */
export const DEFAULT_OPERATION_MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a JSON body: 413 over the operation's limit, 415 for a content type the spec does not
 * accept, 400 for bad JSON. `undefined` when there is no body, or the operation takes none.
 */
export function parseBody(spec: OperationSpec, event: APIGatewayProxyEvent): unknown {
  const accepted = spec.requestContentTypes;
  const body = event.body;
  // Operations without a request body ignore one sent anyway, as API Gateway would pass it along.
  if (!accepted || body === null || body === undefined || body === "") return undefined;
  const maxBytes = spec.maxBodyBytes ?? DEFAULT_OPERATION_MAX_BODY_BYTES;
  const decoded = event.isBase64Encoded ? Buffer.from(body, "base64") : undefined;
  // A text body is weighed as UTF-8 without being encoded.
  const bytes = decoded ? decoded.byteLength : Buffer.byteLength(body, "utf8");
  if (bytes > maxBytes) throw payloadTooLarge(maxBytes);
  const contentType = headerValue(event, "content-type");
  const mediaType = contentType ? acceptedMediaType(contentType, accepted) : undefined;
  if (mediaType === undefined) throw unsupportedMediaType(accepted);
  // A UTF-8 round trip of a text body would only replace unpaired surrogates with U+FFFD, which is
  // what toWellFormed does without copying a well-formed string. Bytes are decoded strictly: a
  // malformed sequence would otherwise be stored as U+FFFD without the client ever knowing.
  const text = decoded ? decodeUtf8(decoded) : body.toWellFormed();
  if (text === undefined) throw badRequest(INVALID_UTF8_DETAIL, [INVALID_UTF8_ERROR]);
  const value = mediaType === NDJSON_MEDIA_TYPE ? parseNdjson(text) : parseJson(text);
  // Before anything walks the value: validation, the handler, JSON.stringify and jsonb all recurse.
  if (nestsDeeperThan(value)) throw badRequest(TOO_DEEP_DETAIL, [TOO_DEEP_ERROR]);
  return value;
}

/** The request's media type, lower-cased, if the operation accepts it (and its charset is UTF-8). */
function acceptedMediaType(contentType: string, accepted: string[]): string | undefined {
  // What clients send nearly always: exactly an accepted media type, no parameters to split off.
  if (!contentType.includes(";") && accepted.includes(contentType)) return contentType.toLowerCase();
  const [mediaType = "", ...parameters] = contentType.split(";").map((part) => part.trim().toLowerCase());
  const charset = parameters.find((parameter) => parameter.startsWith("charset="))?.slice("charset=".length);
  if (charset && charset.replace(/"/g, "") !== "utf-8") return undefined;
  return accepted.some((type) => type.toLowerCase() === mediaType) ? mediaType : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // V8 parses any depth iteratively today; should a parser ever run out of stack, that is depth too.
    if (error instanceof RangeError) throw badRequest(TOO_DEEP_DETAIL, [TOO_DEEP_ERROR]);
    throw badRequest(`The request body is not valid JSON: ${(error as Error).message}`, [
      { path: "/body", message: "must be valid JSON" },
    ]);
  }
}
