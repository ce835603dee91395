import { canonicalizeArns } from "./arn.rewriter.js";
import { isJsonObject, type JsonObject } from "./json.util.js";

/** Codegen's do-not-edit banner (see codegen/header.ts): meaningless to API Gateway. */
export const GENERATED_BANNER_KEY = "x-generated";

const TOP_LEVEL_ORDER = ["openapi", "info", "servers", "paths", "components"];

/**
 * A definition in a stable form: same content, same bytes, whichever region or tool produced it.
 * Keys are sorted (the top level in the usual OpenAPI order), parameters by location and name, and
 * the parts that name one particular API or tool are dropped: `servers` (the execute-api host with
 * its API id and region) and codegen's banner.
 */
export function normalizeDefinition(document: JsonObject): JsonObject {
  const { [GENERATED_BANNER_KEY]: _banner, servers: _servers, ...rest } = document;
  const sorted = sortDeep(rest) as JsonObject;
  const ordered: JsonObject = {};
  for (const key of TOP_LEVEL_ORDER) if (key in sorted) ordered[key] = sorted[key];
  for (const [key, value] of Object.entries(sorted)) if (!(key in ordered)) ordered[key] = value;
  return ordered;
}

/**
 * What two deployments of the same API have in common wherever they run: the normalized definition
 * without `info` (exports title it with the API's name) and with region, account and user pool in
 * ARNs turned back into placeholders.
 */
export function comparableDefinition(document: JsonObject): JsonObject {
  const { info: _info, ...rest } = normalizeDefinition(document);
  return canonicalizeArns(rest);
}

function sortDeep(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => sortDeep(item));
    return key === "parameters" ? items.sort(compareParameters) : items;
  }
  if (!isJsonObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((name) => [name, sortDeep(value[name], name)]),
  );
}

function compareParameters(left: unknown, right: unknown): number {
  const keyOf = (parameter: unknown) =>
    isJsonObject(parameter) ? `${String(parameter.in)}\u0000${String(parameter.name ?? parameter.$ref)}` : "";
  const a = keyOf(left);
  const b = keyOf(right);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Serialized the same way everywhere, so files diff line by line. */
export function stringifyDefinition(document: JsonObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
