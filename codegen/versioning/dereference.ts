import { isRef, type OpenApiDocument, resolveRef } from "../spec.js";

export interface DereferencedSpec {
  /** The document with every local `$ref` under `paths` replaced by (a shared copy of) its target. */
  doc: OpenApiDocument;
  /**
   * Which `#/components/...` each inlined object came from, so a change found deep inside an
   * operation can tell the author where to edit (`#/components/schemas/WineryV1/properties/name`).
   */
  origins: WeakMap<object, string>;
}

/**
 * Comparing two specs structurally needs every reference inlined: a property moved from an inline
 * schema into a component is not a change. Each target is inlined once and shared, which also keeps
 * recursive schemas finite (the result may contain cycles; walkers guard against them).
 */
export function dereference(doc: OpenApiDocument): DereferencedSpec {
  const origins = new WeakMap<object, string>();
  const inlined = new Map<string, Record<string, unknown>>();

  const inline = (ref: string): Record<string, unknown> => {
    const cached = inlined.get(ref);
    if (cached) return cached;
    const placeholder: Record<string, unknown> = {};
    inlined.set(ref, placeholder);
    origins.set(placeholder, ref);
    Object.assign(placeholder, visit(resolveRef<unknown>(doc, { $ref: ref })));
    return placeholder;
  };

  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!node || typeof node !== "object") return node;
    const record = node as Record<string, unknown>;
    if (isRef(record)) {
      const target = inline(record.$ref);
      const siblings = Object.keys(record).filter((key) => key !== "$ref");
      if (siblings.length === 0) return target;
      // OpenAPI 3.0 ignores `$ref` siblings, but this generator honours `nullable` next to a `$ref`.
      const merged: Record<string, unknown> = { ...target };
      for (const key of siblings) merged[key] = visit(record[key]);
      origins.set(merged, record.$ref);
      return merged;
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) out[key] = visit(value);
    return out;
  };

  const paths = visit(doc.paths) as OpenApiDocument["paths"];
  return { doc: { ...doc, paths }, origins };
}
