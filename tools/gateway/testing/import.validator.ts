import { placeholdersIn } from "../../../src/topology/gateway-placeholders.js";
import { isJsonObject, type JsonObject, pointerSegment } from "../definition/json.util.js";
import { userPoolArnProblem } from "../definition/user-pool.arn.js";

export interface ImportFindings {
  errors: string[];
  warnings: string[];
}

const METHODS = [
  "get",
  "put",
  "post",
  "delete",
  "options",
  "head",
  "patch",
  "x-amazon-apigateway-any-method",
];
const INTEGRATION_TYPES = new Set(["aws", "aws_proxy", "http", "http_proxy", "mock"]);
const PASSTHROUGH = new Set(["when_no_match", "when_no_templates", "never"]);
const GATEWAY_RESPONSE_TYPES = new Set([
  "ACCESS_DENIED",
  "API_CONFIGURATION_ERROR",
  "AUTHORIZER_CONFIGURATION_ERROR",
  "AUTHORIZER_FAILURE",
  "BAD_REQUEST_PARAMETERS",
  "BAD_REQUEST_BODY",
  "DEFAULT_4XX",
  "DEFAULT_5XX",
  "EXPIRED_TOKEN",
  "INTEGRATION_FAILURE",
  "INTEGRATION_TIMEOUT",
  "INVALID_API_KEY",
  "INVALID_SIGNATURE",
  "MISSING_AUTHENTICATION_TOKEN",
  "QUOTA_EXCEEDED",
  "REQUEST_TOO_LARGE",
  "RESOURCE_NOT_FOUND",
  "THROTTLED",
  "UNAUTHORIZED",
  "UNSUPPORTED_MEDIA_TYPE",
  "WAF_FILTERED",
]);
const KNOWN_TOP_LEVEL_EXTENSIONS = new Set([
  "x-amazon-apigateway-request-validators",
  "x-amazon-apigateway-gateway-responses",
  "x-amazon-apigateway-binary-media-types",
  "x-amazon-apigateway-minimum-compression-size",
  "x-amazon-apigateway-api-key-source",
  "x-amazon-apigateway-policy",
  "x-amazon-apigateway-endpoint-configuration",
  "x-amazon-apigateway-documentation",
  "x-amazon-apigateway-importexport-version",
]);
const REGION = "[a-z]{2}(?:-[a-z]+)+-\\d+";
const APIGATEWAY_URI = new RegExp(`^arn:aws:apigateway:(${REGION}):([a-z0-9.-]+):(path|action)/(.+)$`);
const LAMBDA_PATH = /^2015-03-31\/functions\/(.+)\/invocations$/;
const STAGE_VARIABLE = /\$\{stageVariables\.[A-Za-z0-9_]+\}/g;
const LAMBDA_FUNCTION_ARN = new RegExp(
  `^arn:aws:lambda:(${REGION}):(\\d{12}):function:([A-Za-z0-9_-]{1,64})(?::([A-Za-z0-9_$-]{1,128}))?$`,
);

/**
 * What API Gateway's importer would say about a definition imported into `region`. Errors fail the
 * import whatever `failonwarnings` says; warnings fail it only when `failonwarnings=true`. This covers
 * the checks our definitions can trip, not the whole importer.
 */
export function validateImport(document: JsonObject, region: string, requireTitle: boolean): ImportFindings {
  const findings: ImportFindings = { errors: [], warnings: [] };
  const openapi = document.openapi;
  if (typeof openapi !== "string" || !/^3\.0\.\d+$/.test(openapi)) {
    findings.errors.push(
      `Unsupported OpenAPI version '${String(openapi ?? document.swagger)}': this importer accepts OpenAPI 3.0.x`,
    );
    return findings;
  }
  const info = isJsonObject(document.info) ? document.info : {};
  if (requireTitle && (typeof info.title !== "string" || !info.title.trim())) {
    findings.errors.push("Invalid OpenAPI input: info.title is required to name the API");
  }
  if (!isJsonObject(document.paths)) {
    findings.errors.push("Invalid OpenAPI input: paths must be an object");
    return findings;
  }
  const components = isJsonObject(document.components) ? document.components : {};
  const schemes = isJsonObject(components.securitySchemes) ? components.securitySchemes : {};
  const validators = isJsonObject(document["x-amazon-apigateway-request-validators"])
    ? document["x-amazon-apigateway-request-validators"]
    : {};

  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith("/"))
      findings.errors.push(`Invalid resource path '${path}': it must start with '/'`);
    if (!isJsonObject(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (!isJsonObject(operation)) continue;
      const where = `'${method === METHODS[7] ? "ANY" : method.toUpperCase()}' for resource at path '${path}'`;
      validateOperation(operation, where, region, findings, schemes, validators);
    }
  }
  for (const [name, scheme] of Object.entries(schemes)) validateScheme(name, scheme, region, findings);

  const responses = document["x-amazon-apigateway-gateway-responses"];
  if (isJsonObject(responses)) {
    for (const type of Object.keys(responses)) {
      if (!GATEWAY_RESPONSE_TYPES.has(type))
        findings.warnings.push(`Ignoring unknown gateway response type '${type}'`);
    }
  }
  for (const key of Object.keys(document)) {
    if (key.startsWith("x-amazon-apigateway-") && !KNOWN_TOP_LEVEL_EXTENSIONS.has(key)) {
      findings.warnings.push(`Unsupported extension '${key}' ignored`);
    }
  }
  checkReferences(document, components, findings);
  checkPlaceholders(document, findings);
  return findings;
}

function validateOperation(
  operation: JsonObject,
  where: string,
  region: string,
  findings: ImportFindings,
  schemes: JsonObject,
  validators: JsonObject,
): void {
  if (!isJsonObject(operation.responses) || Object.keys(operation.responses).length === 0) {
    findings.warnings.push(`No responses defined for method ${where}`);
  }
  const validator = operation["x-amazon-apigateway-request-validator"];
  if (validator !== undefined && !(typeof validator === "string" && validator in validators)) {
    findings.errors.push(
      `Unable to put method ${where}: request validator '${String(validator)}' is not defined`,
    );
  }
  if (Array.isArray(operation.security)) {
    for (const requirement of operation.security) {
      for (const name of isJsonObject(requirement) ? Object.keys(requirement) : []) {
        if (!(name in schemes)) {
          findings.errors.push(`Unable to put method ${where}: security scheme '${name}' is not defined`);
        }
      }
    }
  }
  const integration = operation["x-amazon-apigateway-integration"];
  if (!isJsonObject(integration)) {
    findings.warnings.push(`No integration defined for method ${where}`);
    return;
  }
  const problem = integrationProblem(integration, region);
  if (problem) findings.errors.push(`Unable to put integration on ${where}: ${problem}`);
}

function integrationProblem(integration: JsonObject, region: string): string | undefined {
  const type = String(integration.type ?? "").toLowerCase();
  if (!INTEGRATION_TYPES.has(type)) return `Invalid integration type '${String(integration.type)}'`;
  const passthrough = integration.passthroughBehavior;
  if (passthrough !== undefined && !PASSTHROUGH.has(String(passthrough).toLowerCase())) {
    return `Invalid passthrough behavior '${String(passthrough)}'`;
  }
  const timeout = integration.timeoutInMillis;
  if (timeout !== undefined && !(typeof timeout === "number" && timeout >= 50 && timeout <= 29000)) {
    return `Invalid timeoutInMillis ${String(timeout)}: it must be between 50 and 29000`;
  }
  if (type === "mock") return undefined;
  if (typeof integration.httpMethod !== "string") return "Enumeration value for HttpMethod must be non-empty";
  const uri = integration.uri;
  if (typeof uri !== "string" || !uri) return "Invalid integration URI specified";
  if (type === "http" || type === "http_proxy") {
    return /^https?:\/\/[^\s]+$/.test(uri) ? undefined : `Invalid HTTP endpoint specified for URI '${uri}'`;
  }
  return awsUriProblem(uri, region);
}

/** The checks API Gateway makes on `arn:aws:apigateway:...` URIs, Lambda ones in depth. */
export function awsUriProblem(uri: string, region: string): string | undefined {
  if (placeholdersIn(uri).length > 0)
    return `Invalid ARN specified in the request: '${uri}' has an unfilled placeholder`;
  const match = APIGATEWAY_URI.exec(uri);
  if (!match) return `Invalid ARN specified in the request: '${uri}'`;
  const [, uriRegion, service, kind, rest] = match;
  if (uriRegion !== region) {
    return `Invalid ARN specified in the request: '${uri}' targets ${uriRegion}, but this API is in ${region}`;
  }
  if (service !== "lambda") return undefined;
  const functionArn = kind === "path" ? LAMBDA_PATH.exec(rest ?? "")?.[1] : undefined;
  // A stage variable stands for whatever the stage will say, which is checked at invocation time.
  const lambda = functionArn ? LAMBDA_FUNCTION_ARN.exec(functionArn.replace(STAGE_VARIABLE, "x")) : null;
  if (!functionArn || !lambda) return `Invalid Lambda function ARN in integration URI '${uri}'`;
  if (lambda[1] !== region) {
    return `Invalid ARN specified in the request: Lambda function ${functionArn} is in ${lambda[1]}, but this API is in ${region}`;
  }
  return undefined;
}

function validateScheme(name: string, scheme: unknown, region: string, findings: ImportFindings): void {
  if (!isJsonObject(scheme)) return;
  const authorizer = scheme["x-amazon-apigateway-authorizer"];
  if (!isJsonObject(authorizer)) return;
  const where = `Unable to create authorizer '${name}'`;
  const type = String(authorizer.type ?? "").toLowerCase();
  if (type === "cognito_user_pools") {
    const arns = authorizer.providerARNs;
    if (!Array.isArray(arns) || arns.length === 0) {
      findings.errors.push(`${where}: providerARNs must list at least one user pool`);
      return;
    }
    // A pool in another region than the API is fine, as AWS documents (see user-pool.arn.ts); an ARN
    // whose region is not its pool's names no pool. cognito-local's ARNs (region and account `local`)
    // pass too: the offline release rehearsal imports definitions that trust its pool.
    for (const arn of arns) {
      const problem = typeof arn === "string" ? userPoolArnProblem(arn) : "not a string";
      if (problem) {
        findings.errors.push(`${where}: Invalid ARN specified in the request: '${String(arn)}': ${problem}`);
      }
    }
  } else if (type === "token" || type === "request") {
    const problem =
      typeof authorizer.authorizerUri === "string"
        ? awsUriProblem(authorizer.authorizerUri, region)
        : "authorizerUri is required";
    if (problem) findings.errors.push(`${where}: ${problem}`);
  } else {
    findings.errors.push(`${where}: Invalid authorizer type '${String(authorizer.type)}'`);
  }
}

function checkReferences(document: JsonObject, components: JsonObject, findings: ImportFindings): void {
  const visit = (node: unknown, location: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => {
        visit(item, `${location}/${index}`);
      });
      return;
    }
    if (!isJsonObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") {
        const match = /^#\/components\/([^/]+)\/(.+)$/.exec(value);
        const section = match ? components[match[1]!] : undefined;
        if (!match || !isJsonObject(section) || !(match[2]! in section)) {
          findings.warnings.push(`Parse issue: attribute ${location}.${value} is missing`);
        }
      } else {
        visit(value, `${location}/${pointerSegment(key)}`);
      }
    }
  };
  visit(document, "#");
}

function checkPlaceholders(document: JsonObject, findings: ImportFindings): void {
  const seen = new Set<string>();
  const visit = (node: unknown, location: string): void => {
    if (typeof node === "string") {
      const [placeholder] = placeholdersIn(node);
      // URIs and provider ARNs already fail with their own error; this catches every other field.
      if (
        placeholder &&
        !seen.has(placeholder) &&
        !/(\/uri|providerARNs\/\d+|authorizerUri)$/.test(location)
      ) {
        seen.add(placeholder);
        findings.errors.push(`Invalid value at ${location}: unfilled placeholder ${placeholder}`);
      }
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => {
        visit(item, `${location}/${index}`);
      });
    } else if (isJsonObject(node)) {
      for (const [key, value] of Object.entries(node)) visit(value, `${location}/${pointerSegment(key)}`);
    }
  };
  visit(document, "#");
}
