import { isJsonObject, type JsonObject } from "../definition/json.util.js";

export interface ExportSource {
  apiId: string;
  apiName: string;
  apiVersion?: string;
  apiDescription?: string;
  region: string;
  stageName: string;
  /** The definition as it was when the stage's deployment was created. */
  definition: JsonObject;
  extensions: string[];
}

const INTEGRATION = "x-amazon-apigateway-integration";
const AUTHORIZER_KEYS = ["x-amazon-apigateway-authorizer", "x-amazon-apigateway-authtype"];

/**
 * GetExport for `oas30`: the deployment's definition titled with the API's name, a server naming the
 * execute-api host, and API Gateway extensions only as far as `extensions` asks. Keys come back in
 * API Gateway's own order, not the importer's: callers must not rely on the order they sent.
 */
export function renderExport(source: ExportSource): JsonObject {
  const { openapi: _openapi, info: _info, ...rest } = structuredClone(source.definition);
  const all = source.extensions.includes("apigateway");
  const integrations = all || source.extensions.includes("integrations");
  const authorizers = all || source.extensions.includes("authorizers");
  const document: JsonObject = {
    openapi: "3.0.1",
    info: {
      title: source.apiName,
      ...(source.apiDescription ? { description: source.apiDescription } : {}),
      version: source.apiVersion ?? "1.0",
    },
    servers: [
      {
        url: `https://${source.apiId}.execute-api.${source.region}.amazonaws.com/{basePath}`,
        variables: { basePath: { default: source.stageName } },
      },
    ],
    ...rest,
  };
  if (!integrations) {
    for (const key of Object.keys(document)) if (key.startsWith("x-amazon-apigateway-")) delete document[key];
    forEachOperation(document, (operation) => {
      delete operation[INTEGRATION];
      delete operation["x-amazon-apigateway-request-validator"];
    });
  }
  if (!authorizers) {
    const schemes = isJsonObject(document.components) ? document.components.securitySchemes : undefined;
    for (const scheme of isJsonObject(schemes) ? Object.values(schemes) : []) {
      if (isJsonObject(scheme)) for (const key of AUTHORIZER_KEYS) delete scheme[key];
    }
  }
  return reorder(document) as JsonObject;
}

function forEachOperation(document: JsonObject, visit: (operation: JsonObject) => void): void {
  const paths = isJsonObject(document.paths) ? document.paths : {};
  for (const item of Object.values(paths)) {
    for (const operation of isJsonObject(item) ? Object.values(item) : []) {
      if (isJsonObject(operation)) visit(operation);
    }
  }
}

// Reversed key order at every level: deterministic, and different from what was imported.
function reorder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reorder);
  if (!isJsonObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .reverse()
      .map((key) => [key, reorder(value[key])]),
  );
}
