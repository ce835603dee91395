import type { OperationModel } from "./operations.js";

/**
 * The gateway definition's `x-amazon-apigateway-binary-media-types`: the request media types whose
 * bodies are bytes (binary ones, and multipart, whose file parts are). API Gateway passes a body
 * whose Content-Type matches one base64-encoded (`isBase64Encoded: true`) to a Lambda proxy
 * integration, and any other body as UTF-8 text, which would corrupt bytes:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html
 */
export function binaryMediaTypes(operations: readonly OperationModel[]): string[] {
  const types = new Set<string>();
  for (const operation of operations) {
    for (const [mediaType, kind] of Object.entries(operation.requestBody?.kinds ?? {})) {
      if (kind === "binary" || kind === "multipart") types.add(mediaType);
    }
  }
  return [...types].sort();
}

/** The extension's key, read back by the local stage to encode bodies as API Gateway would. */
export const BINARY_MEDIA_TYPES_KEY = "x-amazon-apigateway-binary-media-types";
