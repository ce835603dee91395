import {
  type GatewayDefinition,
  GatewayDefinitionError,
  type GatewayIntegration,
  type GatewayOperation,
  parseLambdaIntegrationUri,
  type SecurityRequirement,
  type SecurityScheme,
} from "./gateway-definition.js";

export type RouteTarget =
  | { type: "lambda"; functionName: string; qualifier: string | undefined }
  | { type: "cors-preflight"; statusCode: number; headers: Readonly<Record<string, string>> };

export interface GatewayRoute {
  /** Upper-case HTTP method, or `ANY` for `x-amazon-apigateway-any-method`. */
  method: string;
  /** The resource template as written in the definition, e.g. `/wineries/{wineryId}`. */
  resource: string;
  operationId: string;
  /** Needs a bearer token the Cognito authorizer accepts. */
  secured: boolean;
  /** Needs an `x-api-key` its usage plan admits (`apiKeyRequired`). */
  apiKeyRequired: boolean;
  target: RouteTarget;
}

export interface RouteMatch extends GatewayRoute {
  outcome: "matched";
  pathParameters: Record<string, string>;
  /** Every method the matched resource defines, for preflight answers. */
  allow: string[];
}

export type RouteResult =
  | RouteMatch
  | { outcome: "not-found" }
  | { outcome: "method-not-allowed"; resource: string; allow: string[] }
  | { outcome: "bad-path"; detail: string };

export interface GatewayRouter {
  match(method: string, relativePath: string): RouteResult;
  routes(): readonly GatewayRoute[];
}

const METHOD_KEYS: Record<string, string> = {
  get: "GET",
  put: "PUT",
  post: "POST",
  delete: "DELETE",
  options: "OPTIONS",
  head: "HEAD",
  patch: "PATCH",
  "x-amazon-apigateway-any-method": "ANY",
};

interface ResourceNode {
  literals: Map<string, ResourceNode>;
  param?: { name: string; node: ResourceNode };
  greedy?: { name: string; node: ResourceNode };
  resource?: string;
  methods: Map<string, GatewayRoute>;
}

function newNode(): ResourceNode {
  return { literals: new Map(), methods: new Map() };
}

const PARAM_SEGMENT = /^\{([^{}+]+)(\+)?\}$/;

function splitPath(path: string): string[] {
  return path === "/" ? [] : path.slice(1).split("/");
}

function insert(root: ResourceNode, resource: string): ResourceNode {
  let node = root;
  const segments = splitPath(resource);
  segments.forEach((segment, index) => {
    const param = PARAM_SEGMENT.exec(segment);
    if (!param) {
      const next = node.literals.get(segment) ?? newNode();
      node.literals.set(segment, next);
      node = next;
      return;
    }
    const name = param[1]!;
    const slot = param[2] ? "greedy" : "param";
    if (slot === "greedy" && index !== segments.length - 1) {
      throw new GatewayDefinitionError(`${resource}: a greedy {${name}+} segment must be the last one`);
    }
    const existing = node[slot];
    if (existing && existing.name !== name) {
      // API Gateway refuses sibling resources with different variable names, so must we.
      throw new GatewayDefinitionError(`${resource}: conflicts with sibling parameter {${existing.name}}`);
    }
    if (!existing) node[slot] = { name, node: newNode() };
    node = node[slot]!.node;
  });
  node.resource = resource;
  return node;
}

/** The gateway's name for the one API key scheme it understands (header `x-api-key`). */
function isApiKeyScheme(scheme: SecurityScheme | undefined): boolean {
  return (
    scheme?.type === "apiKey" &&
    scheme.in === "header" &&
    scheme.name?.toLowerCase() === "x-api-key" &&
    scheme["x-amazon-apigateway-authtype"] === undefined
  );
}

function securityOf(
  definition: GatewayDefinition,
  operation: GatewayOperation,
  label: string,
): { secured: boolean; apiKeyRequired: boolean } {
  const requirements: SecurityRequirement[] = operation.security ?? definition.security ?? [];
  let secured = false;
  let apiKeyRequired = false;
  for (const requirement of requirements) {
    for (const schemeName of Object.keys(requirement)) {
      const scheme = definition.components?.securitySchemes?.[schemeName];
      if (scheme?.["x-amazon-apigateway-authtype"] === "cognito_user_pools") secured = true;
      else if (isApiKeyScheme(scheme)) apiKeyRequired = true;
      else {
        // Silently treating an unknown scheme as public would hide a missing authorizer.
        throw new GatewayDefinitionError(
          `${label}: security scheme "${schemeName}" is neither a Cognito authorizer nor the x-api-key header`,
        );
      }
    }
  }
  if (apiKeyRequired && definition["x-amazon-apigateway-api-key-source"] !== "HEADER") {
    throw new GatewayDefinitionError(
      `${label}: requires an API key, but the definition's x-amazon-apigateway-api-key-source is not HEADER`,
    );
  }
  return { secured, apiKeyRequired };
}

const RESPONSE_HEADER_PARAM = "method.response.header.";

/** Reads the CORS headers a mock integration would return; static values are quoted as `'value'`. */
function preflightFrom(integration: GatewayIntegration): RouteTarget {
  const response = integration.responses?.default ?? Object.values(integration.responses ?? {})[0];
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(response?.responseParameters ?? {})) {
    if (!key.startsWith(RESPONSE_HEADER_PARAM) || typeof value !== "string") continue;
    const name = key.slice(RESPONSE_HEADER_PARAM.length);
    // The origin is decided by the local CORS policy, not by whatever the mock hard-codes.
    if (name.toLowerCase() === "access-control-allow-origin") continue;
    headers[name] = value.replace(/^'(.*)'$/, "$1");
  }
  const statusCode = Number(response?.statusCode ?? 200);
  return { type: "cors-preflight", statusCode: Number.isInteger(statusCode) ? statusCode : 200, headers };
}

function toRoute(
  definition: GatewayDefinition,
  resource: string,
  method: string,
  operation: GatewayOperation,
): GatewayRoute {
  const label = `${method} ${resource}`;
  const integration = operation["x-amazon-apigateway-integration"];
  if (method === "OPTIONS" && integration?.type === "mock") {
    return {
      method,
      resource,
      operationId: operation.operationId ?? "corsPreflight",
      secured: false,
      apiKeyRequired: false,
      target: preflightFrom(integration),
    };
  }
  if (integration?.type !== "aws_proxy" || typeof integration.uri !== "string") {
    throw new GatewayDefinitionError(
      `${label}: only aws_proxy Lambda integrations (and OPTIONS mocks) are supported`,
    );
  }
  const lambda = parseLambdaIntegrationUri(integration.uri);
  if (!lambda) throw new GatewayDefinitionError(`${label}: not a Lambda invocation URI: ${integration.uri}`);
  if (!operation.operationId) throw new GatewayDefinitionError(`${label}: missing operationId`);
  return {
    method,
    resource,
    operationId: operation.operationId,
    ...securityOf(definition, operation, label),
    target: { type: "lambda", ...lambda },
  };
}

function decodeSegments(relativePath: string): string[] | { error: string } {
  let path = relativePath === "" ? "/" : relativePath;
  // API Gateway treats `/wineries/` like `/wineries`.
  if (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);
  try {
    return splitPath(path).map((segment) => decodeURIComponent(segment));
  } catch {
    return { error: `The path "${relativePath}" contains malformed percent-encoding` };
  }
}

function find(
  node: ResourceNode,
  segments: readonly string[],
  index: number,
  params: Record<string, string>,
): ResourceNode | undefined {
  if (index === segments.length) return node.resource === undefined ? undefined : node;
  const segment = segments[index]!;
  // Literal segments win over templated ones, and a single-segment template over a greedy one.
  const literal = node.literals.get(segment);
  const viaLiteral = literal && find(literal, segments, index + 1, params);
  if (viaLiteral) return viaLiteral;
  if (node.param && segment !== "") {
    params[node.param.name] = segment;
    const viaParam = find(node.param.node, segments, index + 1, params);
    if (viaParam) return viaParam;
    delete params[node.param.name];
  }
  if (
    node.greedy &&
    node.greedy.node.resource !== undefined &&
    segments.slice(index).every((s) => s !== "")
  ) {
    params[node.greedy.name] = segments.slice(index).join("/");
    return node.greedy.node;
  }
  return undefined;
}

export function createGatewayRouter(definition: GatewayDefinition): GatewayRouter {
  const root = newNode();
  const routes: GatewayRoute[] = [];
  for (const [resource, item] of Object.entries(definition.paths)) {
    const node = insert(root, resource);
    for (const [key, operation] of Object.entries(item)) {
      const method = METHOD_KEYS[key.toLowerCase()];
      if (!method || typeof operation !== "object" || operation === null) continue;
      const route = toRoute(definition, resource, method, operation as GatewayOperation);
      node.methods.set(method, route);
      routes.push(route);
    }
  }

  return {
    routes: () => routes,
    match(method, relativePath) {
      const segments = decodeSegments(relativePath);
      if (!Array.isArray(segments)) return { outcome: "bad-path", detail: segments.error };
      const pathParameters: Record<string, string> = {};
      const node = find(root, segments, 0, pathParameters);
      if (!node || node.resource === undefined || node.methods.size === 0) return { outcome: "not-found" };
      const route = node.methods.get(method.toUpperCase()) ?? node.methods.get("ANY");
      if (!route)
        return { outcome: "method-not-allowed", resource: node.resource, allow: [...node.methods.keys()] };
      return { outcome: "matched", ...route, pathParameters, allow: [...node.methods.keys()] };
    },
  };
}
