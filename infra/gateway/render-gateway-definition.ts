import { readFileSync } from "node:fs";
import { join } from "node:path";
import { layout } from "../../codegen/layout.js";
import { fillGatewayPlaceholders, placeholdersIn } from "../../src/topology/gateway-placeholders.js";
import { renameFunctions } from "../../src/topology/topology.js";
import { repoRoot } from "../operations/operation-functions.js";

export type GatewayDefinition = Record<string, unknown>;

/** What a rendered definition needs from the deployment; user pool values may be CDK tokens. */
export interface GatewayRenderValues {
  region: string;
  accountId: string;
  userPoolId: string;
  userPoolArn: string;
  /** Functions are `<prefix>-<operationId>`; the generated definitions call the default app's (topology). */
  functionPrefix: string;
}

export function loadGatewayDefinition(version: string): GatewayDefinition {
  return JSON.parse(readFileSync(join(repoRoot, layout.gateway(version)), "utf8")) as GatewayDefinition;
}

/**
 * Fills the generated definition for one region, inline in the template (no custom resource, so no
 * response-size limit to hit). `${stageVariables.alias}` stays literal: the body is never passed
 * through Fn::Sub. The Cognito authorizer gets the user pool's full ARN rather than `{{region}}`
 * substituted into it, because the pool lives in the home region, not necessarily in this one.
 */
export function renderGatewayDefinition(
  definition: GatewayDefinition,
  values: GatewayRenderValues,
): GatewayDefinition {
  const { "x-generated": _generated, ...rest } = definition;
  const rendered = substitute(rest, values) as GatewayDefinition;
  for (const scheme of Object.values(securitySchemes(rendered))) {
    const authorizer = (scheme as { "x-amazon-apigateway-authorizer"?: Record<string, unknown> })[
      "x-amazon-apigateway-authorizer"
    ];
    if (authorizer?.type === "cognito_user_pools") authorizer.providerARNs = [values.userPoolArn];
  }
  const leftovers = placeholdersIn(JSON.stringify(rendered));
  if (leftovers.length > 0) {
    throw new Error(`Unfilled gateway placeholders: ${[...new Set(leftovers)].join(", ")}`);
  }
  return rendered;
}

function substitute(value: unknown, values: GatewayRenderValues): unknown {
  if (typeof value === "string") {
    return renameFunctions(fillGatewayPlaceholders(value, values), values.functionPrefix);
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, values));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, values)]));
  }
  return value;
}

function securitySchemes(definition: GatewayDefinition): Record<string, unknown> {
  const components = definition.components as { securitySchemes?: Record<string, unknown> } | undefined;
  return components?.securitySchemes ?? {};
}
