import { pascalCase } from "./naming.js";
import type { OperationModel } from "./operations.js";
import { type OpenApiDocument, resolvePointer, resolveRef } from "./spec.js";
import type { NameAllocator } from "./unique-names.js";

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `listWineriesV2` in version v2 -> `listWineries`: the entry point already says which version it is. */
export function sdkMethodName(operation: OperationModel): string {
  const suffix = operation.version === "default" ? "" : pascalCase(operation.version);
  const id = operation.operationId;
  return suffix && id.length > suffix.length && id.endsWith(suffix) ? id.slice(0, -suffix.length) : id;
}

/**
 * A parameter's name as an input property: kept when it is an identifier, else camelCased
 * (`Idempotency-Key` -> `idempotencyKey`), comparison operators spelled out so that range filters
 * stay apart (`StartTime<` -> `startTimeLt`, `StartTime>=` -> `startTimeGte`).
 */
export function sdkPropertyName(name: string): string {
  if (IDENTIFIER.test(name)) return name;
  const spelled = name.replace(OPERATORS, (operator) => ` ${OPERATOR_WORDS[operator]} `);
  const words = spelled.split(/[^A-Za-z0-9_$]+/).filter(Boolean);
  const camel = words
    .map((word, index) => (index === 0 ? word[0]!.toLowerCase() + word.slice(1) : pascalCase(word)))
    .join("");
  return /^[0-9]/.test(camel) ? `_${camel}` : camel || "_";
}

const OPERATOR_WORDS: Record<string, string> = {
  "<=": "lte",
  ">=": "gte",
  "!=": "ne",
  "<>": "ne",
  "<": "lt",
  ">": "gt",
  "=": "eq",
  "!": "not",
};
const OPERATORS = /<=|>=|!=|<>|[<>=!]/g;

const LOCATION_ORDER = { path: 0, query: 1, header: 2 } as const;

/**
 * Input property names for one operation's parameters, distinct from each other and from `body`.
 * Parameters whose name is already an identifier claim first, then by location (path, query,
 * header) and name; a later one that would collide is suffixed with its location (`idQuery`).
 * Returns the names in the order of `parameters`.
 */
export function sdkPropertyNames(
  parameters: Array<{ name: string; in: "path" | "query" | "header" }>,
  names: NameAllocator,
): string[] {
  const order = parameters
    .map((parameter, index) => ({ parameter, index, base: sdkPropertyName(parameter.name) }))
    .sort(
      (a, b) =>
        Number(a.base !== a.parameter.name) - Number(b.base !== b.parameter.name) ||
        LOCATION_ORDER[a.parameter.in] - LOCATION_ORDER[b.parameter.in] ||
        (a.parameter.name < b.parameter.name ? -1 : a.parameter.name > b.parameter.name ? 1 : 0),
    );
  const out: string[] = [];
  for (const { parameter, index, base } of order) {
    out[index] = names.claim([base, `${base}${pascalCase(parameter.in)}`]);
  }
  return out;
}

/** An object key in generated code, quoted only when it has to be. */
export function objectKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/**
 * The component schemas one version's operations use, directly or through other schemas, each with
 * the name the SDK exports it under: `WineryV2` becomes `Winery` in v2, unless that name is taken,
 * then the schema's own name, then `<Name>Schema`, then a numeric suffix.
 */
export function versionSchemaAliases(
  doc: OpenApiDocument,
  operations: OperationModel[],
  version: string,
  names: NameAllocator,
): Array<{ alias: string; schema: string }> {
  const schemas = doc.components?.schemas ?? {};
  const used = new Set<string>();
  const followed = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === "string" && ref.startsWith("#/") && !followed.has(ref)) {
      followed.add(ref);
      const name = ref.startsWith("#/components/schemas/") ? ref.slice("#/components/schemas/".length) : "";
      if (Object.hasOwn(schemas, name)) used.add(name);
      visit(resolveTarget(doc, ref));
    }
    for (const value of Object.values(node)) visit(value);
  };
  for (const operation of operations) {
    visit(operation.parameters.map((parameter) => parameter.schema));
    visit(operation.object.requestBody ? resolveRef(doc, operation.object.requestBody) : undefined);
    visit(Object.values(operation.object.responses).map((response) => resolveRef(doc, response)));
  }
  const suffix = version === "default" ? "" : pascalCase(version);
  const sorted = [...used].filter((name) => IDENTIFIER.test(name)).sort();
  const own = new Set(sorted);
  return sorted.map((schema) => {
    const stripped = suffix && schema.endsWith(suffix) ? schema.slice(0, -suffix.length) : "";
    // A stripped name another schema has as its own stays that schema's.
    const preferred = stripped && !own.has(stripped) ? [stripped] : [];
    return { alias: names.claim([...preferred, schema, `${schema}Schema`]), schema };
  });
}

/** A reference's target, or nothing when it does not resolve (openapi-typescript reports that). */
function resolveTarget(doc: OpenApiDocument, ref: string): unknown {
  try {
    return resolvePointer(doc, ref);
  } catch {
    return undefined;
  }
}
