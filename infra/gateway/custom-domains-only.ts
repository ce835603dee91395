import type { GatewayDefinition } from "./render-gateway-definition.js";

/**
 * Clients reach the API through its custom domains only, where the base path picks the version;
 * the `https://{api-id}.execute-api.{region}.amazonaws.com` address is turned off. Said twice, in
 * the two places AWS reads it:
 * - `DisableExecuteApiEndpoint` on the RestApi;
 * - `x-amazon-apigateway-endpoint-configuration` under each `servers[]` entry of an OpenAPI 3 body
 *   ("For OpenAPI 3.0, it should be present under the vendor extensions of the Server object":
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-endpoint-configuration.html).
 *   On an API imported from a body, the property alone may not take effect (aws-cdk issue 15760).
 */
export const DISABLE_EXECUTE_API_ENDPOINT = true;

export const ENDPOINT_CONFIGURATION_EXTENSION = "x-amazon-apigateway-endpoint-configuration";

export function withCustomDomainsOnly(definition: GatewayDefinition): GatewayDefinition {
  const servers = Array.isArray(definition.servers)
    ? (definition.servers as Record<string, unknown>[])
    : [{ url: "/" }];
  return {
    ...definition,
    servers: servers.map((server) => ({
      ...server,
      [ENDPOINT_CONFIGURATION_EXTENSION]: { disableExecuteApiEndpoint: DISABLE_EXECUTE_API_ENDPOINT },
    })),
  };
}
