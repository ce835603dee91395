import type { OpenApiDocument, SecurityRequirement } from "./spec.js";

/**
 * What API Gateway (REST) can enforce for each kind of OpenAPI security scheme. The gateway has one
 * Cognito user pool authorizer per API plus API keys read from the `X-API-Key` header
 * (`x-amazon-apigateway-api-key-source: HEADER`,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-api-key-source.html);
 * usage plans meter those keys
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html).
 * Anything else is refused per operation instead of silently becoming the Cognito authorizer.
 */
export type SchemeMapping =
  | { kind: "user"; construct: "cognito-authorizer" }
  | { kind: "api-key"; construct: "usage-plan-api-key" }
  | { kind: "unmappable"; reason: string };

/** The only header API Gateway reads keys from (HTTP header names are case-insensitive). */
export const API_KEY_HEADER = "x-api-key";

export function mapSecurityScheme(name: string, scheme: Record<string, unknown> | undefined): SchemeMapping {
  if (!scheme) return { kind: "unmappable", reason: `security scheme "${name}" is not declared` };
  const type = String(scheme.type ?? "");
  switch (type) {
    case "http": {
      const httpScheme = String(scheme.scheme ?? "").toLowerCase();
      if (httpScheme === "bearer") return { kind: "user", construct: "cognito-authorizer" };
      return {
        kind: "unmappable",
        reason: `security scheme "${name}" (http ${httpScheme || "?"}) has no API Gateway authorizer`,
      };
    }
    case "oauth2":
    case "openIdConnect":
      // Both end in a bearer JWT, which the user pool authorizer verifies.
      return { kind: "user", construct: "cognito-authorizer" };
    case "apiKey": {
      const where = String(scheme.in ?? "");
      const header = String(scheme.name ?? "");
      if (where === "header" && header.toLowerCase() === API_KEY_HEADER)
        return { kind: "api-key", construct: "usage-plan-api-key" };
      return {
        kind: "unmappable",
        reason:
          `security scheme "${name}" (apiKey in ${where || "?"} "${header}"): API Gateway reads API keys ` +
          `from the ${API_KEY_HEADER} header only`,
      };
    }
    default:
      return {
        kind: "unmappable",
        reason: `security scheme "${name}" (${type || "no type"}) has no API Gateway equivalent`,
      };
  }
}

/** What one operation needs from the gateway, or why the gateway cannot give it. */
export type OperationAuth =
  | { mappable: true; user: boolean; apiKey: boolean }
  | { mappable: false; user: boolean; apiKey: boolean; reason: string };

/**
 * OpenAPI security is a list of alternatives, each a set of schemes that must all hold. A gateway
 * method has exactly one set (an authorizer and/or a required key), so only one non-empty
 * alternative maps; an optional one (`{}` beside others) cannot be expressed either.
 */
export function mapOperationSecurity(
  doc: OpenApiDocument,
  requirements: readonly SecurityRequirement[],
): OperationAuth {
  const nonEmpty = requirements.filter((requirement) => Object.keys(requirement).length > 0);
  // When refused, the wrapper still fails closed: any scheme at all asks for a signed-in caller.
  const refuse = (reason: string): OperationAuth => ({
    mappable: false,
    user: nonEmpty.length > 0,
    apiKey: false,
    reason,
  });
  if (nonEmpty.length === 0) return { mappable: true, user: false, apiKey: false };
  const distinct = new Set(nonEmpty.map((requirement) => JSON.stringify(Object.keys(requirement).sort())));
  if (distinct.size > 1)
    return refuse("alternative security requirements: API Gateway enforces one set per method");
  if (nonEmpty.length < requirements.length)
    return refuse("optional security ({} among the requirements): API Gateway cannot make a check optional");
  let user = false;
  let apiKey = false;
  for (const name of Object.keys(nonEmpty[0]!).sort()) {
    const mapping = mapSecurityScheme(name, doc.components?.securitySchemes?.[name]);
    if (mapping.kind === "unmappable") return refuse(mapping.reason);
    if (mapping.kind === "user") user = true;
    else apiKey = true;
  }
  return { mappable: true, user, apiKey };
}
