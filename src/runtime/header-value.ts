import type { APIGatewayProxyEvent } from "aws-lambda";

/** The first header named `lowerCaseName` in any case, as API Gateway keeps the client's spelling. */
export function headerValue(event: APIGatewayProxyEvent | null, lowerCaseName: string): string | undefined {
  const headers = event?.headers;
  if (!headers) return undefined;
  for (const key in headers) {
    if (isHeaderName(key, lowerCaseName) && Object.hasOwn(headers, key)) return headers[key] ?? undefined;
  }
  return undefined;
}

/** Every value of a header, the multi-value map taking precedence, the last spelling winning. */
export function headerValues(event: APIGatewayProxyEvent, lowerCaseName: string): string[] | undefined {
  const multi = event.multiValueHeaders;
  let found: string[] | undefined;
  let seen = false;
  if (multi) {
    for (const key in multi) {
      if (isHeaderName(key, lowerCaseName) && Object.hasOwn(multi, key)) {
        found = multi[key];
        seen = true;
      }
    }
  }
  if (seen) return found;
  const single = event.headers;
  if (single) {
    for (const key in single) {
      if (isHeaderName(key, lowerCaseName) && Object.hasOwn(single, key)) {
        const value = single[key];
        found = value === undefined ? undefined : [value];
      }
    }
  }
  return found;
}

// The length check first: most keys differ in length, and then no lower-cased copy is made.
function isHeaderName(key: string, lowerCaseName: string): boolean {
  return (
    key === lowerCaseName || (key.length === lowerCaseName.length && key.toLowerCase() === lowerCaseName)
  );
}
