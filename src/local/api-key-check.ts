import type { IncomingHttpHeaders } from "node:http";
import type { GatewayResponseType } from "../runtime/problem-types.js";
import type { UsagePlans } from "./usage-plans.js";

export type ApiKeyCheck = { ok: true } | { ok: false; response: GatewayResponseType; detail: string };

/**
 * What API Gateway does for a method with `apiKeyRequired` and the HEADER key source: read
 * `X-API-Key`, then meter it against its usage plan. It runs after the authorizer, as in API Gateway,
 * where a Lambda authorizer may even supply the key (AUTHORIZER source):
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html
 */
export function checkApiKey(headers: IncomingHttpHeaders, plans: UsagePlans): ApiKeyCheck {
  const raw = headers["x-api-key"];
  // Node joins repeated headers with ", ", which is no key's value: such a request is refused too.
  const value = Array.isArray(raw) ? raw.join(", ") : raw;
  const verdict = plans.admit(value === undefined || value === "" ? undefined : value);
  return verdict.ok ? { ok: true } : { ok: false, response: verdict.response, detail: verdict.detail };
}
