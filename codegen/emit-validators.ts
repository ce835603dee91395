import { Ajv } from "ajv";
import standaloneModule from "ajv/dist/standalone/index.js";

// Both are CommonJS with a `default` export; under NodeNext the default import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const standaloneCode = standaloneModule as unknown as typeof standaloneModule.default;

import addFormatsModule from "ajv-formats";
import { collectFormats, toJsonSchema } from "./json-schema.js";
import type { OperationModel } from "./operations.js";
import type { OpenApiDocument, SchemaObject } from "./spec.js";

/** OpenAPI formats that describe storage, not a constraint ajv can check. */
const ANNOTATION_FORMATS = ["int32", "int64", "float", "double", "byte", "binary", "password"];
const DEFS_ID = "components";

/**
 * Precompiles, with ajv standalone, one request validator (path, query, headers and body in one
 * object, so every error comes back in one pass) and one validator per documented response.
 * The output is CommonJS because ajv's standalone code `require`s its runtime helpers.
 */
export function emitValidatorModule(doc: OpenApiDocument, operation: OperationModel): string {
  const definitions = componentDefinitions(doc);
  const ajv = createAjv(definitions);
  ajv.addSchema({ $id: DEFS_ID, definitions });
  const exports: Record<string, string> = { request: "request" };
  ajv.addSchema(requestSchema(operation), "request");
  for (const response of operation.responses) {
    if (!response.schema) continue;
    const name = `response${response.status}`;
    ajv.addSchema(toJsonSchema(response.schema, `${DEFS_ID}#/definitions/`), name);
    exports[name] = name;
  }
  return standaloneCode(ajv, exports);
}

function createAjv(definitions: Record<string, SchemaObject>): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    useDefaults: true,
    coerceTypes: false,
    strict: false,
    code: { source: true, lines: true, optimize: true },
  });
  addFormats(ajv);
  for (const format of [...collectFormats(definitions), ...ANNOTATION_FORMATS].sort()) {
    if (!ajv.formats[format]) ajv.addFormat(format, true);
  }
  return ajv;
}

function componentDefinitions(doc: OpenApiDocument): Record<string, SchemaObject> {
  const schemas = doc.components?.schemas ?? {};
  const out: Record<string, SchemaObject> = {};
  for (const name of Object.keys(schemas).sort()) out[name] = toJsonSchema(schemas[name]!, "#/definitions/");
  return out;
}

export function requestSchema(operation: OperationModel): SchemaObject {
  const refPrefix = `${DEFS_ID}#/definitions/`;
  const group = (location: "path" | "query" | "header"): SchemaObject => {
    const parameters = operation.parameters.filter((parameter) => parameter.in === location);
    const properties: Record<string, SchemaObject> = {};
    for (const parameter of parameters)
      properties[parameter.name] = toJsonSchema(parameter.schema, refPrefix);
    return {
      type: "object",
      properties,
      required: parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
    };
  };
  const properties: Record<string, SchemaObject> = {
    path: group("path"),
    query: group("query"),
    headers: group("header"),
  };
  const body = operation.requestBody;
  if (body?.schema) properties.body = toJsonSchema(body.schema, refPrefix);
  return {
    type: "object",
    properties,
    required: ["path", "query", "headers", ...(body?.required ? ["body"] : [])],
  };
}

/** Collects the formats of parameters and bodies too: they are not all under components. */
export function formatsOf(operation: OperationModel): Set<string> {
  return collectFormats([operation.parameters, operation.requestBody, operation.responses]);
}
