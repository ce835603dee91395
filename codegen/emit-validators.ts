import { Ajv } from "ajv";
import type { AnyValidateFunction } from "ajv/dist/core.js";
import { collectFormats, toJsonSchema } from "./json-schema.js";
import { layout } from "./layout.js";
import type { OperationModel } from "./operations.js";
import { patternRegExp } from "./pattern-regexp.js";
import { type OpenApiDocument, type SchemaObject, SpecError } from "./spec.js";
import { formatDefinitions, formatsCode } from "./validator-formats.js";
import { validatorHelpersModuleCode } from "./validator-helpers.js";
import { type ValidatorExport, validatorModuleCode } from "./validator-module.js";

/**
 * Precompiled validators for a whole spec, from one ajv instance: every component schema compiled
 * once into its own module (`validators/components/<Name>.gen.js`), and per operation one module
 * with a request validator (path, query, headers and body in one object, so every error comes back
 * in one pass) and one validator per documented response, importing the components it reaches.
 * A handler's bundle holds only those.
 *
 * Returns file contents (without header) by output path.
 */
export function emitValidators(doc: OpenApiDocument, operations: OperationModel[]): Map<string, string> {
  const components = componentSchemas(doc);
  const roots = operations.map((operation) => ({ operation, schemas: operationSchemas(operation) }));
  const ajv = createAjv(collectFormats([[...components.values()], roots.map((root) => root.schemas)]));
  for (const [name, schema] of components) ajv.addSchema(schema, name);

  // Components first, in name order, so their generated names do not move when operations change.
  const componentOf = new Map<AnyValidateFunction, string>();
  for (const name of components.keys()) componentOf.set(ajv.getSchema(name)!, name);

  const files = new Map<string, string>();
  const helpersUsed = new Set<string>();
  const reached = new Set<string>();
  const locateFrom = (self: string | null, prefix: string) => (validate: AnyValidateFunction) => {
    const name = componentOf.get(validate);
    if (name === undefined || name === self) return undefined;
    reached.add(name);
    return { from: `${prefix}${name}.gen.js`, name: validatorName(name) };
  };
  for (const { operation, schemas } of roots) {
    const exported: ValidatorExport[] = Object.entries(schemas).map(([name, schema]) => ({
      name,
      localName: validatorName(name),
      // A response that is just a component is that component's validator, not a call to it.
      validate: (isComponentRef(schema) && ajv.getSchema(schema.$ref)) || ajv.compile(schema),
    }));
    files.set(
      layout.validators(operation.operationId),
      validatorModuleCode(exported, locateFrom(null, "./components/"), {
        path: "./validator-helpers.gen.js",
        used: helpersUsed,
      }),
    );
  }
  // Writing a component's module can reach further components; `reached` grows while this runs.
  const written = new Set<string>();
  while (written.size < reached.size) {
    for (const name of [...reached].sort()) {
      if (written.has(name)) continue;
      written.add(name);
      const validate = ajv.getSchema(name)!;
      files.set(
        layout.componentValidator(name),
        validatorModuleCode(
          [{ name: null, localName: validatorName(name), validate }],
          locateFrom(name, "./"),
          {
            path: "../validator-helpers.gen.js",
            used: helpersUsed,
          },
        ),
      );
    }
  }
  if (helpersUsed.size > 0) files.set(layout.validatorHelpers, validatorHelpersModuleCode(helpersUsed));
  return files;
}

/**
 * A validator's function is named after what it validates: `validateWineryV1` (a component),
 * `validateRequest`, `validateResponse200` (an operation's), never after ajv's spec-wide counter.
 */
function validatorName(schemaName: string): string {
  const words = schemaName.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return `validate${words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join("") || "Schema"}`;
}

function isComponentRef(schema: SchemaObject): schema is { $ref: string } {
  return typeof schema.$ref === "string" && Object.keys(schema).length === 1;
}

/** The one ajv configuration validators are compiled with (`ajv-output.ts` relies on its code options). */
export function createAjv(formats: Iterable<string>): Ajv {
  return new Ajv({
    allErrors: true,
    useDefaults: true,
    coerceTypes: false,
    strict: false,
    // Every reference becomes a call to the component's own validator, never a copy of its code.
    inlineRefs: false,
    // `npm run lint` checks the spec's schemas (Redocly's `spec` rule), and ajv still rejects a
    // keyword with a value of the wrong type while compiling; meta-validating again costs ~15%.
    validateSchema: false,
    formats: formatDefinitions(formats),
    // ajv's optimizer rewalks a function's whole tree per block: a third of the compile time on
    // GitHub's large components, to save ~7% of bytes gzipped (dead `const _errs = errors;` lines).
    code: { source: true, lines: true, optimize: false, formats: formatsCode, regExp: patternRegExp },
  });
}

/** OpenAPI's rule for component names; it also keeps them safe as file names and ajv schema keys. */
const COMPONENT_NAME = /^[A-Za-z0-9._-]+$/;

/** Component schemas as draft-07, keyed (and referenced, `$ref: "Name"`) by their component name. */
function componentSchemas(doc: OpenApiDocument): Map<string, SchemaObject> {
  const schemas = doc.components?.schemas ?? {};
  const out = new Map<string, SchemaObject>();
  for (const name of Object.keys(schemas).sort()) {
    if (!COMPONENT_NAME.test(name)) {
      throw new SpecError(`components.schemas.${name}: a component name must match ${COMPONENT_NAME.source}`);
    }
    out.set(name, toJsonSchema(schemas[name]!, ""));
  }
  return out;
}

/** The schemas one operation's module exports validators for: `request`, then `response<status>`. */
function operationSchemas(operation: OperationModel): Record<string, SchemaObject> {
  const schemas: Record<string, SchemaObject> = { request: requestSchema(operation) };
  for (const response of operation.responses) {
    if (response.schema) schemas[`response${response.status}`] = toJsonSchema(response.schema, "");
  }
  return schemas;
}

function requestSchema(operation: OperationModel): SchemaObject {
  const group = (location: "path" | "query" | "header"): SchemaObject => {
    const parameters = operation.parameters.filter((parameter) => parameter.in === location);
    const properties: Record<string, SchemaObject> = {};
    for (const parameter of parameters) properties[parameter.name] = toJsonSchema(parameter.schema, "");
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
  if (body?.validationSchema) properties.body = toJsonSchema(body.validationSchema, "");
  // With form, multipart or binary media types the runtime checks a required body itself: a
  // binary one is bytes, which are not validated by a schema.
  const bodyRequired = body?.required === true && Object.keys(body.kinds).length === 0;
  return {
    type: "object",
    properties,
    required: ["path", "query", "headers", ...(bodyRequired ? ["body"] : [])],
  };
}
