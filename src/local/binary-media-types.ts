import type { GatewayDefinition } from "./gateway-definition.js";

/** The definition's binary media types (`x-amazon-apigateway-binary-media-types`), when it lists any. */
export function binaryMediaTypesOf(definition: GatewayDefinition): readonly string[] | undefined {
  const types = (definition as { "x-amazon-apigateway-binary-media-types"?: unknown })[
    "x-amazon-apigateway-binary-media-types"
  ];
  return Array.isArray(types) && types.every((type) => typeof type === "string") ? types : undefined;
}

/**
 * Whether API Gateway treats a request with this Content-Type as binary, i.e. hands it to the Lambda
 * proxy integration base64-encoded: its media type matches an entry of the API's binaryMediaTypes,
 * where `*` stands for any type or subtype (`image/*`, `*\/*`).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html
 */
export function isBinaryMediaType(
  contentType: string | undefined,
  binaryMediaTypes: readonly string[],
): boolean {
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase();
  if (!mediaType) return false;
  const [type, subtype] = mediaType.split("/");
  return binaryMediaTypes.some((entry) => {
    const [entryType, entrySubtype] = entry.toLowerCase().split("/");
    return (entryType === "*" || entryType === type) && (entrySubtype === "*" || entrySubtype === subtype);
  });
}
