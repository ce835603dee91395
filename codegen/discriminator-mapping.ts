import { type OpenApiDocument, resolvePointer } from "./spec.js";

/**
 * OpenAPI 3.0 lets a discriminator's `mapping` name a schema (`cat: Cat`) as well as reference one
 * (`cat: "#/components/schemas/Cat"`). openapi-typescript (through Redocly's bundler) resolves
 * every mapping value as a reference, so a bare name fails there: this rewrites each value that
 * names a component schema into that schema's reference. A value that is neither that nor a local
 * reference that resolves (`models/attach.yml`, a file the spec's authors did not publish) cannot
 * be followed and is left out: the mapping only narrows types, the discriminator and its `oneOf` still stand.
 * Returns `doc` itself when nothing needs rewriting, else a rewritten copy.
 */
export function normalizeDiscriminatorMappings(doc: OpenApiDocument): OpenApiDocument {
  const schemas = doc.components?.schemas ?? {};
  const isSchemaName = (value: unknown): value is string =>
    typeof value === "string" &&
    !value.includes("/") &&
    !value.includes("#") &&
    Object.hasOwn(schemas, value);
  const rewrite = (value: unknown): string | undefined =>
    isSchemaName(value)
      ? `#/components/schemas/${value}`
      : typeof value === "string" && resolves(doc, value)
        ? value
        : undefined;
  let found = false;
  visitMappings(doc, (mapping) => {
    found ||= Object.values(mapping).some((value) => rewrite(value) !== value);
  });
  if (!found) return doc;
  const copy = structuredClone(doc);
  visitMappings(copy, (mapping) => {
    for (const [key, value] of Object.entries(mapping)) {
      const rewritten = rewrite(value);
      if (rewritten === undefined) delete mapping[key];
      else mapping[key] = rewritten;
    }
  });
  return copy;
}

/** Calls `visit` with every `discriminator.mapping` object in the document. */
function visitMappings(node: unknown, visit: (mapping: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) visitMappings(item, visit);
  } else if (node !== null && typeof node === "object") {
    const discriminator = (node as { discriminator?: { mapping?: unknown } }).discriminator;
    const mapping = discriminator?.mapping;
    if (mapping !== null && typeof mapping === "object" && !Array.isArray(mapping)) {
      visit(mapping as Record<string, unknown>);
    }
    for (const value of Object.values(node)) visitMappings(value, visit);
  }
}

function resolves(doc: OpenApiDocument, ref: string): boolean {
  if (!ref.startsWith("#/")) return false;
  try {
    resolvePointer(doc, ref);
    return true;
  } catch {
    return false;
  }
}
