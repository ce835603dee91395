import type middy from "@middy/core";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { headerValue } from "./parse-body.middleware.js";

/** `CORS_ORIGINS`, comma-separated; empty means no cross-origin access at all. */
export function corsOriginsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.CORS_ORIGINS ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter((origin) => origin !== "");
}

/**
 * With a Lambda proxy integration the gateway adds no CORS headers to real responses (only to
 * preflights and gateway errors), so the function must: for configured origins only, errors included.
 */
export function cors(
  origins: readonly string[] = corsOriginsFromEnv(),
): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  const allowed = new Set(origins);
  const addHeaders = (request: middy.Request<APIGatewayProxyEvent, APIGatewayProxyResult>) => {
    if (!request.response) return;
    const origin = request.event ? headerValue(request.event, "origin") : undefined;
    const headers: Record<string, string | number | boolean> = {
      ...request.response.headers,
      Vary: "Origin",
    };
    if (origin && allowed.has(origin)) {
      headers["Access-Control-Allow-Origin"] = origin;
      // Browsers hide non-safelisted headers cross-origin; the SDK reads these to warn about deprecations.
      const exposed = ["Deprecation", "Sunset"].filter((name) => headers[name] !== undefined);
      if (exposed.length > 0) headers["Access-Control-Expose-Headers"] = exposed.join(", ");
    }
    request.response = { ...request.response, headers };
  };
  return { after: addHeaders, onError: addHeaders };
}
