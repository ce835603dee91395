"use strict";
// One ajv instance holding every component schema of the spec, converted by our own converter, so
// that any schema from the spec (inline or $ref) can be checked against a value.
const Ajv = require("ajv").default;
const addFormats = require("ajv-formats").default;
const { toJsonSchema } = require("./openapi-schema-to-json-schema.cjs");

const SPEC_SCHEMA_ID = "https://contract-tests.cellar.invalid/openapi.json";
const COMPONENT_SCHEMA_REF = /^#\/components\/schemas\/([^/]+)$/;

/** The OpenAPI 3.0 formats ajv-formats does not know; numbers get range checks, the rest are hints. */
function addOpenApiFormats(ajv) {
  ajv.addFormat("int32", { type: "number", validate: (n) => Number.isInteger(n) && Math.abs(n) <= 2 ** 31 });
  ajv.addFormat("int64", { type: "number", validate: (n) => Number.isInteger(n) });
  ajv.addFormat("float", { type: "number", validate: () => true });
  ajv.addFormat("double", { type: "number", validate: () => true });
  ajv.addFormat("byte", /^[A-Za-z0-9+/]*={0,2}$/);
  ajv.addFormat("binary", () => true);
  ajv.addFormat("password", () => true);
}

function rewriteRef(ref) {
  const match = COMPONENT_SCHEMA_REF.exec(ref);
  if (!match) throw new Error(`Schema $ref ${ref} does not point into #/components/schemas`);
  return `${SPEC_SCHEMA_ID}#/definitions/${match[1]}`;
}

function formatError(error) {
  const at = error.instancePath === "" ? "/" : error.instancePath;
  if (error.keyword === "required")
    return `${at} is missing required property "${error.params.missingProperty}"`;
  if (error.keyword === "additionalProperties") {
    return `${at} has undocumented property "${error.params.additionalProperty}"`;
  }
  if (error.keyword === "enum")
    return `${at} ${error.message} (${JSON.stringify(error.params.allowedValues)})`;
  return `${at} ${error.message}`;
}

/** @param {object} doc the parsed OpenAPI document */
function createSchemaValidator(doc) {
  // strict: a keyword our converter failed to translate must be an error, not silently ignored.
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  addOpenApiFormats(ajv);
  const definitions = {};
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    definitions[name] = toJsonSchema(schema, rewriteRef);
  }
  ajv.addSchema({ $id: SPEC_SCHEMA_ID, definitions });

  const compiled = new Map();
  const compile = (schema) => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(toJsonSchema(schema, rewriteRef));
      compiled.set(schema, validate);
    }
    return validate;
  };

  return {
    /** The JSON Schema the suite validates against, for messages and tests. */
    convert: (schema) => toJsonSchema(schema, rewriteRef),
    /** Returns one message per violation; empty when the value conforms. */
    validate(schema, value) {
      const validate = compile(schema);
      return validate(value) ? [] : (validate.errors ?? []).map(formatError);
    },
  };
}

module.exports = { createSchemaValidator, SPEC_SCHEMA_ID };
