import { pascalCase } from "./naming.js";
import type { OperationModel } from "./operations.js";
import { type OpenApiDocument, resolveRef, SpecError } from "./spec.js";

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `listWineriesV2` in version v2 -> `listWineries`: the entry point already says which version it is. */
export function sdkMethodName(operation: OperationModel): string {
  const suffix = operation.version === "default" ? "" : pascalCase(operation.version);
  const id = operation.operationId;
  return suffix && id.length > suffix.length && id.endsWith(suffix) ? id.slice(0, -suffix.length) : id;
}

/** A parameter's name as an input property: kept when it is an identifier, else camelCased (`Idempotency-Key` -> `idempotencyKey`). */
export function sdkPropertyName(name: string): string {
  if (IDENTIFIER.test(name)) return name;
  const words = name.split(/[^A-Za-z0-9_$]+/).filter(Boolean);
  const camel = words
    .map((word, index) => (index === 0 ? word[0]!.toLowerCase() + word.slice(1) : pascalCase(word)))
    .join("");
  return /^[0-9]/.test(camel) ? `_${camel}` : camel;
}

/** An object key in generated code, quoted only when it has to be. */
export function objectKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** Throws when two generated names of one entry point would collide. */
export function assertDistinct(names: Array<{ name: string; what: string }>, version: string): void {
  const seen = new Map<string, string>();
  for (const { name, what } of names) {
    const previous = seen.get(name);
    if (previous)
      throw new SpecError(`SDK ${version}: ${what} and ${previous} would both be named "${name}"`);
    seen.set(name, what);
  }
}

/**
 * The component schemas one version's operations use, directly or through other schemas, each with
 * the name the SDK exports it under: `WineryV2` becomes `Winery` in v2, unless that name is taken.
 */
export function versionSchemaAliases(
  doc: OpenApiDocument,
  operations: OperationModel[],
  version: string,
): Array<{ alias: string; schema: string }> {
  const schemas = doc.components?.schemas ?? {};
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === "string" && ref.startsWith("#/components/schemas/")) {
      const name = ref.slice("#/components/schemas/".length);
      if (!used.has(name) && schemas[name]) {
        used.add(name);
        visit(schemas[name]);
      }
    }
    for (const value of Object.values(node)) visit(value);
  };
  for (const operation of operations) {
    visit(operation.parameters.map((parameter) => parameter.schema));
    visit(operation.object.requestBody ? resolveRef(doc, operation.object.requestBody) : undefined);
    visit(Object.values(operation.object.responses).map((response) => resolveRef(doc, response)));
  }
  const suffix = version === "default" ? "" : pascalCase(version);
  const names = [...used].filter((name) => IDENTIFIER.test(name)).sort();
  const taken = new Set(names);
  return names.map((schema) => {
    const stripped = suffix && schema.endsWith(suffix) ? schema.slice(0, -suffix.length) : schema;
    const alias = stripped && stripped !== schema && !taken.has(stripped) ? stripped : schema;
    taken.add(alias);
    return { alias, schema };
  });
}
