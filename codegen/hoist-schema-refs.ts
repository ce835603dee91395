import { type OpenApiDocument, pointerTokens, resolvePointer } from "./spec.js";

/** A whole component schema, by a name OpenAPI allows (`[A-Za-z0-9._-]+`). */
const COMPONENT_REF = /^#\/components\/schemas\/[A-Za-z0-9._-]+$/;
/** Keywords whose value is a schema, then keywords whose value holds schemas by name or index. */
const SCHEMA_KEYWORDS = new Set(["items", "additionalProperties", "not"]);
const SCHEMA_CONTAINERS = new Set(["properties", "patternProperties", "allOf", "anyOf", "oneOf"]);

/**
 * Schema references that point anywhere but a component schema: into a path
 * (`#/paths/~1pets/get/responses/200/content/application~1json/schema`), a component parameter's
 * or response's schema, a part of a component schema (`#/components/schemas/A/properties/b`).
 * openapi-typescript writes such a reference as an index into its own output, where the pointer
 * does not lead (`components["responses"]["Pet"]["content"]["application/json"]["schema"]`), and
 * the validators compile component schemas only.
 *
 * So each target schema moves into `components.schemas` under a name made from its pointer
 * (`responses.Pet.content.application-json.schema`), its old place and every reference to it
 * becoming references to that component: one schema, one type, cycles included. Returns `doc`
 * when there is nothing to move, else a rewritten copy.
 */
export function hoistSchemaRefs(doc: OpenApiDocument): OpenApiDocument {
  if (collectRefs(doc).size === 0) return doc;
  const copy = structuredClone(doc);
  copy.components ??= {};
  const components = copy.components as Record<string, Record<string, unknown>>;
  const targets = new Map<string, Target>();
  for (const [ref, section] of [...collectRefs(copy)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const tokens = pointerTokens(ref);
    const parent = resolveParent(copy, tokens);
    if (!parent) continue; // unresolved: openapi-typescript names it
    components[section] ??= {};
    const into = components[section];
    targets.set(ref, {
      section,
      name: freeName(into, targets, section, tokens),
      parent,
      key: tokens.at(-1)!,
    });
  }
  // Deepest first, so that moving an object never moves the place of one still to move.
  const byDepth = [...targets].sort(([a], [b]) => pointerTokens(b).length - pointerTokens(a).length);
  for (const [, { section, name, parent, key }] of byDepth) {
    components[section]![name] = parent[key];
    parent[key] = { $ref: `#/components/${section}/${name}` };
  }
  rewriteRefs(copy, (ref) => {
    const target = targets.get(ref);
    return target ? `#/components/${target.section}/${target.name}` : ref;
  });
  return copy;
}

interface Target {
  section: string;
  name: string;
  parent: Record<string, unknown>;
  key: string;
}

/**
 * Every reference in `doc` to something that belongs in `components` but is not there, with the
 * section it belongs in: schemas anywhere, and a path's parameters, responses and request bodies
 * (openapi-typescript indexes those into optional members).
 */
function collectRefs(doc: OpenApiDocument): Map<string, string> {
  const refs = new Map<string, string>();
  rewriteRefs(doc, (ref) => {
    if (!ref.startsWith("#/") || COMPONENT_REF.test(ref)) return ref;
    const section = sectionOf(pointerTokens(ref));
    if (section) refs.set(ref, section);
    return ref;
  });
  return refs;
}

function sectionOf(tokens: string[]): string | undefined {
  if (pointsAtSchema(tokens)) return "schemas";
  if (tokens[0] !== "paths") return undefined;
  if (tokens.at(-2) === "parameters") return "parameters";
  if (tokens.at(-2) === "responses") return "responses";
  if (tokens.at(-1) === "requestBody") return "requestBodies";
  return undefined;
}

/** Whether a pointer ends at a schema: a media type's or parameter's `schema`, or a component schema, then schema keywords. */
function pointsAtSchema(tokens: string[]): boolean {
  let start = tokens.lastIndexOf("schema") + 1;
  if (start === 0) {
    if (tokens[0] !== "components" || tokens[1] !== "schemas" || tokens.length < 3) return false;
    start = 3;
  }
  for (let index = start; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    if (SCHEMA_KEYWORDS.has(token)) continue;
    if (SCHEMA_CONTAINERS.has(token) && index + 1 < tokens.length) {
      index += 1;
      continue;
    }
    return false;
  }
  return true;
}

/** The object holding the pointer's target, following references on the way; `undefined` when it does not resolve. */
function resolveParent(doc: OpenApiDocument, tokens: string[]): Record<string, unknown> | undefined {
  let node: unknown = doc;
  for (const token of tokens.slice(0, -1)) {
    node = follow(doc, node);
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, token)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  node = follow(doc, node);
  const last = tokens.at(-1)!;
  const ok = node !== null && typeof node === "object" && Object.hasOwn(node, last);
  return ok ? (node as Record<string, unknown>) : undefined;
}

function follow(doc: OpenApiDocument, node: unknown): unknown {
  for (let hops = 0; hops < 32; hops += 1) {
    const ref = (node as { $ref?: unknown } | null)?.$ref;
    if (typeof ref !== "string" || !ref.startsWith("#/")) return node;
    try {
      node = resolvePointer(doc, ref);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** `responses.Pet.content.application-json.schema`, suffixed when that is taken. */
function freeName(
  existing: Record<string, unknown>,
  taken: Map<string, { section: string; name: string }>,
  section: string,
  tokens: string[],
): string {
  const parts = tokens[0] === "components" ? tokens.slice(1) : tokens;
  const base = parts
    .map((part) => part.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "") || "_")
    .join(".");
  const used = new Set(
    [...taken.values()].filter((target) => target.section === section).map((target) => target.name),
  );
  let name = base;
  for (let suffix = 2; Object.hasOwn(existing, name) || used.has(name); suffix += 1) {
    name = `${base}-${suffix}`;
  }
  return name;
}

/**
 * Calls `rewrite` on every reference in the tree, replacing it with what it returns: each `$ref`,
 * and each local reference a discriminator maps to.
 */
function rewriteRefs(node: unknown, rewrite: (ref: string) => string): void {
  if (Array.isArray(node)) {
    for (const item of node) rewriteRefs(item, rewrite);
  } else if (node !== null && typeof node === "object") {
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (key === "$ref" && typeof value === "string") record[key] = rewrite(value);
      else rewriteRefs(value, rewrite);
    }
    const mapping = (record.discriminator as { mapping?: unknown } | undefined)?.mapping;
    if (mapping !== null && typeof mapping === "object" && !Array.isArray(mapping)) {
      const entries = mapping as Record<string, unknown>;
      for (const [key, value] of Object.entries(entries)) {
        if (typeof value === "string" && value.startsWith("#/")) entries[key] = rewrite(value);
      }
    }
  }
}
