import { functionName } from "../topology/topology.js";

/**
 * The slice of an API Gateway OpenAPI export (`gateway/v*.gen.json`) the local stage relies on.
 * Everything else in the document (schemas, responses, request validators) is ignored here.
 */
export interface GatewayDefinition {
  paths: Record<string, Record<string, unknown>>;
  security?: SecurityRequirement[];
  components?: { securitySchemes?: Record<string, SecurityScheme> };
  /** Where keys come from for methods that require one; only `HEADER` is served locally. */
  "x-amazon-apigateway-api-key-source"?: string;
}

export type SecurityRequirement = Record<string, string[]>;

export interface SecurityScheme {
  type?: string;
  name?: string;
  in?: string;
  "x-amazon-apigateway-authtype"?: string;
}

export interface GatewayOperation {
  operationId?: string;
  security?: SecurityRequirement[];
  "x-amazon-apigateway-integration"?: GatewayIntegration;
}

export interface GatewayIntegration {
  type?: string;
  uri?: string;
  httpMethod?: string;
  responses?: Record<string, { statusCode?: string; responseParameters?: Record<string, string> }>;
}

export class GatewayDefinitionError extends Error {
  override name = "GatewayDefinitionError";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Shallow shape check, so a broken generated file fails at startup instead of on the first request. */
export function parseGatewayDefinition(value: unknown, source: string): GatewayDefinition {
  if (!isRecord(value)) throw new GatewayDefinitionError(`${source}: not a JSON object`);
  if (!isRecord(value.paths)) throw new GatewayDefinitionError(`${source}: missing "paths" object`);
  for (const [path, item] of Object.entries(value.paths)) {
    if (!path.startsWith("/"))
      throw new GatewayDefinitionError(`${source}: path "${path}" must start with "/"`);
    if (!isRecord(item)) throw new GatewayDefinitionError(`${source}: path item "${path}" is not an object`);
  }
  return value as unknown as GatewayDefinition;
}

export interface LambdaIntegrationTarget {
  functionName: string;
  /** Alias or version, possibly still holding `${stageVariables.x}` references. */
  qualifier: string | undefined;
}

const LAMBDA_URI =
  /:lambda:path\/2015-03-31\/functions\/arn:aws:lambda:[^:]*:[^:]*:function:([^:/]+)(?::([^/]+))?\/invocations$/;

export function parseLambdaIntegrationUri(uri: string): LambdaIntegrationTarget | undefined {
  const match = LAMBDA_URI.exec(uri);
  if (!match?.[1]) return undefined;
  return { functionName: match[1], qualifier: match[2] };
}

const STAGE_VARIABLE = /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g;

/** Resolves `${stageVariables.name}` the way API Gateway does when it invokes the integration. */
export function resolveStageVariables(template: string, variables: Readonly<Record<string, string>>): string {
  return template.replace(STAGE_VARIABLE, (_whole, name: string) => {
    const value = variables[name];
    if (value === undefined) {
      throw new GatewayDefinitionError(`"${template}" references undefined stage variable "${name}"`);
    }
    return value;
  });
}

/** The handler registry is keyed by operationId; production function names are `cellar-<operationId>`. */
export const FUNCTION_NAME_PREFIX = functionName("");

export function handlerKeyForFunction(functionName: string): string {
  return functionName.startsWith(FUNCTION_NAME_PREFIX)
    ? functionName.slice(FUNCTION_NAME_PREFIX.length)
    : functionName;
}
