/**
 * The initializer of a schema constant in ajv's generated code, cut down to what the code reads.
 *
 * ajv declares each compiled schema as a constant, but reads one only for a few keywords, through
 * property chains such as `schema12.properties.kind.enum` (an `enum` error's `allowedValues`).
 * Emitting the whole schema for that would put every constraint of a component in the bundle twice.
 * Each chain keeps the whole value where it ends or reaches something other than a plain object
 * (an array, a string), so any further read the code makes (`.length`, an index computed at run
 * time) sees what it would in the full schema. A bare reference keeps the whole schema.
 *
 * Returns `undefined` when `code` does not read the constant at all.
 */
export function schemaConstantCode(schema: unknown, name: string, code: string): string | undefined {
  const chains = [...code.matchAll(referencesTo(name))].map((match) => propertyChain(match[1]!));
  if (chains.length === 0) return undefined;
  if (!isPlainObject(schema) || chains.some((chain) => chain.length === 0)) return jsonCode(schema);
  const kept: Record<string, unknown> = {};
  for (const chain of chains) keepChain(schema, kept, chain);
  return jsonCode(kept);
}

const PROPERTY = String.raw`\.[A-Za-z_$][\w$]*|\[(?:\d+|"(?:[^"\\]|\\.)*")\]`;

function referencesTo(name: string): RegExp {
  return new RegExp(String.raw`\b${name}\b((?:${PROPERTY})*)`, "g");
}

function propertyChain(accessors: string): string[] {
  return [...accessors.matchAll(new RegExp(PROPERTY, "g"))].map(([accessor]) =>
    accessor.startsWith(".") ? accessor.slice(1) : String(JSON.parse(accessor.slice(1, -1))),
  );
}

function keepChain(schema: Record<string, unknown>, kept: Record<string, unknown>, chain: string[]): void {
  let from = schema;
  let into = kept;
  for (const [index, key] of chain.entries()) {
    if (!Object.hasOwn(from, key)) return; // the code reads something absent; absent here too
    const next = from[key];
    if (index === chain.length - 1 || !isPlainObject(next)) {
      into[key] = next;
      return;
    }
    if (into[key] === next) return; // already kept whole for another chain
    into[key] ??= {};
    from = next;
    into = into[key] as Record<string, unknown>;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON as a JavaScript expression: the two line separators JSON allows in strings are escaped. */
function jsonCode(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
