import type { APIGatewayProxyEvent } from "aws-lambda";
import { allowedCorsOrigin, varyOnOrigin } from "./cors-origins.js";
import { headerValue } from "./header-value.js";

/**
 * With a Lambda proxy integration the gateway adds no CORS headers to real responses (only to
 * preflights and gateway errors), so the function must: for configured origins only, errors
 * included. Adds to `headers` in place, after every other header is set.
 */
export function addCorsHeaders(
  headers: Record<string, string | number | boolean>,
  event: APIGatewayProxyEvent | null,
  allowedOrigins: ReadonlySet<string>,
): void {
  // The answer depends on Origin even when it is refused, so caches must key on it.
  const varyKey = Object.keys(headers).find((name) => name.toLowerCase() === "vary") ?? "Vary";
  const vary = headers[varyKey];
  headers[varyKey] = varyOnOrigin(vary === undefined ? undefined : String(vary));
  // With no origin configured (the default) none can be allowed, so the headers are not searched.
  if (allowedOrigins.size === 0) return;
  const origin = allowedCorsOrigin(headerValue(event, "origin"), allowedOrigins);
  if (origin === undefined) return;
  headers["Access-Control-Allow-Origin"] = origin;
  // Browsers hide non-safelisted headers cross-origin; the SDK reads these to warn about deprecations
  // and keeps ETag to revalidate a cached read.
  const exposed = ["Deprecation", "Sunset", "ETag"].filter((name) => headers[name] !== undefined);
  if (exposed.length > 0) headers["Access-Control-Expose-Headers"] = exposed.join(", ");
}
