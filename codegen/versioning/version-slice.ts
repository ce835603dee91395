import { collectOperations } from "../operations.js";
import { isRef, type OpenApiDocument } from "../spec.js";

/**
 * The part of a spec one API version owns: its paths plus, transitively, every component they
 * reference (and the security schemes they use). This is what a release freezes, so a snapshot
 * stays readable OpenAPI and unrelated edits elsewhere in the spec never touch it.
 */
export function sliceVersion(doc: OpenApiDocument, version: string): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  const versionPaths = new Set(
    collectOperations(doc)
      .filter((operation) => operation.version === version)
      .map((operation) => operation.path),
  );
  for (const path of Object.keys(doc.paths).sort())
    if (versionPaths.has(path)) paths[path] = doc.paths[path]!;

  const components: Record<string, Record<string, unknown>> = {};
  const pending: string[] = [];
  collectRefs(paths, pending);
  const security = [...(doc.security ?? []), ...operationSecurity(paths)];
  for (const requirement of security)
    for (const name of Object.keys(requirement)) pending.push(`#/components/securitySchemes/${name}`);
  const seen = new Set<string>();
  while (pending.length > 0) {
    const ref = pending.pop()!;
    if (seen.has(ref)) continue;
    seen.add(ref);
    const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref);
    if (!match) continue;
    const section = match[1]!;
    const name = match[2]!.replace(/~1/g, "/").replace(/~0/g, "~");
    const value = (doc.components?.[section] as Record<string, unknown> | undefined)?.[name];
    if (value === undefined) continue;
    components[section] = { ...components[section], [name]: value };
    collectRefs(value, pending);
  }

  const slice: OpenApiDocument = {
    openapi: doc.openapi,
    info: { title: doc.info.title, version: doc.info.version },
    paths,
  };
  if (doc.security) slice.security = doc.security;
  if (Object.keys(components).length > 0) slice.components = sortSections(components);
  return slice;
}

function collectRefs(node: unknown, into: string[]): void {
  if (Array.isArray(node)) for (const item of node) collectRefs(item, into);
  else if (node && typeof node === "object") {
    if (isRef(node)) into.push(node.$ref);
    for (const value of Object.values(node)) collectRefs(value, into);
  }
}

function operationSecurity(paths: OpenApiDocument["paths"]): Array<Record<string, string[]>> {
  const requirements: Array<Record<string, string[]>> = [];
  for (const item of Object.values(paths))
    for (const operation of Object.values(item))
      if (
        operation &&
        typeof operation === "object" &&
        Array.isArray((operation as { security?: unknown }).security)
      )
        requirements.push(...(operation as { security: Array<Record<string, string[]>> }).security);
  return requirements;
}

function sortSections(components: Record<string, Record<string, unknown>>): OpenApiDocument["components"] {
  const sorted: Record<string, Record<string, unknown>> = {};
  for (const section of Object.keys(components).sort()) {
    const entries = components[section]!;
    sorted[section] = Object.fromEntries(
      Object.keys(entries)
        .sort()
        .map((name) => [name, entries[name]]),
    );
  }
  return sorted;
}
