/**
 * Derives `bench/fixtures/github-subset.json`, the large public spec the codegen bench runs on, from
 * GitHub's OpenAPI 3.0.3 description as published in `@octokit/openapi` (MIT):
 *
 *   cd /tmp && npm pack @octokit/openapi@23.0.2 && tar xzf octokit-openapi-23.0.2.tgz
 *   npx tsx bench/derive-github-subset.ts /tmp/package/generated/api.github.com.json
 *
 * The subset is every path whose operations are tagged with one of SUBSET_TAGS, plus every component
 * those paths reference, transitively, so it is self-contained. Nothing else is edited: the point is
 * to run the generator on constructs we did not write ourselves. Deterministic: same input, same bytes.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

/** Chosen to land between 1.2 and 2 MB of JSON with a mix of CRUD, search and git plumbing. */
export const SUBSET_TAGS = [
  "issues",
  "pulls",
  "users",
  "git",
  "checks",
  "reactions",
  "search",
  "gists",
  "activity",
  "teams",
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

export function deriveSubset(full: JsonObject, tags: readonly string[]): JsonObject {
  const paths = full.paths as JsonObject;
  const components = full.components as Record<string, JsonObject>;
  const keptPaths: JsonObject = {};
  for (const path of Object.keys(paths)) {
    const item = paths[path] as JsonObject;
    const operations = Object.entries(item).filter(([method]) => HTTP_METHODS.has(method));
    const tagged = operations.some(
      ([, operation]) => firstTag(operation) !== undefined && tags.includes(firstTag(operation)!),
    );
    if (tagged) keptPaths[path] = item;
  }

  // Walk $refs from the kept paths through the components until nothing new turns up.
  const kept = new Map<string, Set<string>>();
  const pending: Json[] = [keptPaths];
  while (pending.length > 0) {
    const node = pending.pop()!;
    for (const ref of refsIn(node)) {
      const match = /^#\/components\/([^/]+)\/(.+)$/.exec(ref);
      if (!match) throw new Error(`unsupported $ref ${ref}`);
      const [, section = "", name = ""] = match;
      const names = kept.get(section) ?? new Set<string>();
      kept.set(section, names);
      if (names.has(name)) continue;
      const target = components[section]?.[name];
      if (target === undefined) throw new Error(`dangling $ref ${ref}`);
      names.add(name);
      pending.push(target);
    }
  }

  const keptComponents: JsonObject = {};
  for (const section of Object.keys(components)) {
    const names = kept.get(section);
    if (!names) continue;
    keptComponents[section] = Object.fromEntries(
      Object.keys(components[section]!)
        .filter((name) => names.has(name))
        .map((name) => [name, components[section]![name]!]),
    );
  }
  const usedTags = new Set(Object.values(keptPaths).flatMap((item) => tagsOf(item as JsonObject)));
  const info = full.info as JsonObject;
  return {
    openapi: full.openapi as Json,
    info: {
      ...info,
      title: `${String(info.title)} (subset: ${tags.join(", ")})`,
      "x-cellar-fixture": "Derived by bench/derive-github-subset.ts; see bench/fixtures/README.md.",
    },
    tags: ((full.tags as JsonObject[] | undefined) ?? []).filter((tag) => usedTags.has(String(tag.name))),
    servers: full.servers ?? [],
    externalDocs: full.externalDocs ?? null,
    paths: keptPaths,
    components: keptComponents,
  };
}

function firstTag(operation: Json): string | undefined {
  const tags = (operation as JsonObject | null)?.tags;
  return Array.isArray(tags) && typeof tags[0] === "string" ? tags[0] : undefined;
}

function tagsOf(item: JsonObject): string[] {
  return Object.entries(item)
    .filter(([method]) => HTTP_METHODS.has(method))
    .map(([, operation]) => firstTag(operation))
    .filter((tag): tag is string => tag !== undefined);
}

function refsIn(node: Json): string[] {
  const refs: string[] = [];
  const visit = (value: Json) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) {
        if (key === "$ref" && typeof child === "string") refs.push(child);
        else visit(child);
      }
    }
  };
  visit(node);
  return refs;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const source = process.argv[2];
  if (!source) {
    process.stderr.write("usage: tsx bench/derive-github-subset.ts <api.github.com.json> [out]\n");
    process.exit(2);
  }
  const out = process.argv[3] ?? resolve(import.meta.dirname, "fixtures/github-subset.json");
  const subset = deriveSubset(JSON.parse(readFileSync(source, "utf8")) as JsonObject, SUBSET_TAGS);
  const text = `${JSON.stringify(subset, null, 1)}\n`;
  writeFileSync(out, text);
  const operations = Object.values(subset.paths as JsonObject).flatMap((item) => tagsOf(item as JsonObject));
  process.stderr.write(
    `${out}: ${(text.length / 1024 / 1024).toFixed(2)} MB, ${Object.keys(subset.paths as JsonObject).length} paths, ${operations.length} operations\n`,
  );
}
