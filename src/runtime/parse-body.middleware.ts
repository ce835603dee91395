import type middy from "@middy/core";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { parsedRequestOf } from "./operation-context.js";
import type { OperationSpec } from "./operation-spec.js";
import { badRequest, payloadTooLarge, unsupportedMediaType } from "./problem.js";

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** Reads a JSON body: 413 over the limit, 415 for a content type the spec does not accept, 400 for bad JSON. */
export function parseBody(
  spec: OperationSpec,
  maxBytes = DEFAULT_MAX_BODY_BYTES,
): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return {
    before: (request) => {
      const accepted = spec.requestContentTypes;
      const { event } = request;
      // Operations without a request body ignore one sent anyway, as API Gateway would pass it along.
      if (!accepted || event.body === null || event.body === undefined || event.body === "") return;
      const raw = event.isBase64Encoded ? Buffer.from(event.body, "base64") : Buffer.from(event.body, "utf8");
      if (raw.byteLength > maxBytes) throw payloadTooLarge(maxBytes);
      const contentType = headerValue(event, "content-type");
      if (!contentType || !isAccepted(contentType, accepted)) throw unsupportedMediaType(accepted);
      parsedRequestOf(event).body = parseJson(raw.toString("utf8"));
    },
  };
}

function isAccepted(contentType: string, accepted: string[]): boolean {
  const [mediaType = "", ...parameters] = contentType.split(";").map((part) => part.trim().toLowerCase());
  const charset = parameters.find((parameter) => parameter.startsWith("charset="))?.slice("charset=".length);
  if (charset && charset.replace(/"/g, "") !== "utf-8") return false;
  return accepted.some((type) => type.toLowerCase() === mediaType);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest(`The request body is not valid JSON: ${(error as Error).message}`, [
      { path: "/body", message: "must be valid JSON" },
    ]);
  }
}

export function headerValue(event: APIGatewayProxyEvent, name: string): string | undefined {
  const headers = event.headers ?? {};
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() === name) return headers[key] ?? undefined;
  }
  return undefined;
}
