import { hasInput, type SdkOperation } from "../emit-sdk-client.js";
import { isSecured } from "../operations.js";
import type { OpenApiDocument } from "../spec.js";

/**
 * How the docs show SDK calls: the client variable, the example base URL and each method's input
 * built from the spec's examples. The SDK guide and the reference's code samples both use these, so
 * a call reads the same on either page.
 */

/** `{ near: "38.5,-122.4", radius: 25000 }` from the spec's examples; placeholders where it has none. */
export function exampleInput(op: SdkOperation, options: { withoutCursor?: boolean } = {}): string {
  if (!hasInput(op)) return "";
  const members = op.fields
    .filter((field) => !(options.withoutCursor && field.name === "cursor"))
    .filter((field) => field.required || (field.example !== undefined && field.name !== "cursor"))
    .map((field) => `${field.property}: ${literal(field.example ?? placeholder(field.name))}`);
  if (op.body?.required || (op.body && op.body.example !== undefined)) {
    members.push(`body: ${literal(op.body.example ?? {})}`);
  }
  return members.length ? `{ ${members.join(", ")} }` : "{}";
}

/** A value as JavaScript source: unquoted identifier keys, spaced like hand-written code. */
export function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (value && typeof value === "object") {
    const members = Object.entries(value).map(
      ([key, member]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${literal(member)}`,
    );
    return members.length ? `{ ${members.join(", ")} }` : "{}";
  }
  return JSON.stringify(value) ?? "undefined";
}

/** What a sample shows where the spec has no example: `<wineryId>`. */
export function placeholder(name: string): string {
  return `<${name}>`;
}

/** `cellar` for "Cellar API": the variable the samples call methods on. */
export function clientVariable(doc: OpenApiDocument): string {
  const word = /^[A-Za-z]\w*/.exec(doc.info.title)?.[0]?.toLowerCase();
  return word && !["api", "the"].includes(word) ? word : "client";
}

/** The first https server, else the first server, else a neutral example origin. */
export function exampleBaseUrl(doc: OpenApiDocument): string {
  const servers = ((doc.servers as Array<{ url?: string }> | undefined) ?? []).map(
    (server) => server.url ?? "",
  );
  return servers.find((url) => url.startsWith("https://")) ?? servers[0] ?? "https://api.example.com";
}

/** `v2`, or `API` for an unversioned spec. */
export function versionLabel(version: string): string {
  return version === "default" ? "API" : version;
}

/** Higher for public reads of collections with few path parameters and examples to show. */
export function appeal(op: SdkOperation): number {
  const { operation } = op;
  return (
    (isSecured(operation) ? 0 : 8) +
    (operation.method === "get" ? 4 : 0) +
    (op.paginated ? 2 : 0) -
    op.fields.filter((field) => field.in === "path").length +
    (op.fields.some((field) => field.required && field.example !== undefined) ? 1 : 0)
  );
}
