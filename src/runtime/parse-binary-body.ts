import type { BodyReader } from "./body-reader.js";

/**
 * A binary body is handed over as the bytes sent: API Gateway base64-encodes a body whose
 * Content-Type is one of the API's binary media types (`x-amazon-apigateway-binary-media-types`),
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html,
 * and the runtime has decoded it before any reader runs.
 */
export const parseBinaryBody: BodyReader = (bytes) => bytes;
