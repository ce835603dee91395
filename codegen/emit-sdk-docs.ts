import { emitDocs } from "./emit-docs.js";
import { describeSdkVersion, hasInput, type SdkOperation } from "./emit-sdk-client.js";
import { generatedHeader } from "./header.js";
import { layout } from "./layout.js";
import { apiVersionsOf, isSecured, type OperationModel } from "./operations.js";
import type { OpenApiDocument } from "./spec.js";

/**
 * Third-party docs per API version: the reference of that version's operations and a "Getting
 * started with the SDK" page, both self-contained HTML (no scripts, no external assets), linked
 * to each other by their file names so they also work opened from disk.
 */
export function emitSdkDocs(
  doc: OpenApiDocument,
  operations: OperationModel[],
  specName: string,
): Map<string, string> {
  const files = new Map<string, string>();
  const versions = apiVersionsOf(operations);
  for (const version of versions) {
    const ofVersion = operations.filter((operation) => operation.version === version);
    files.set(layout.versionDocs(version), versionReference(doc, ofVersion, version, specName));
    files.set(layout.sdkGuide(version), gettingStarted(doc, ofVersion, version, specName));
  }
  return files;
}

function versionReference(
  doc: OpenApiDocument,
  operations: OperationModel[],
  version: string,
  specName: string,
): string {
  const html = emitDocs(doc, operations, specName);
  const marker = "<body><nav>";
  if (!html.includes(marker))
    throw new Error(`emitDocs output lost its "${marker}": update emit-sdk-docs.ts`);
  return html
    .replace(
      /<title>[^<]*<\/title>/,
      `<title>${esc(`${doc.info.title} ${versionLabel(version)} reference`)}</title>`,
    )
    .replace(
      marker,
      `${marker}<p class="doc-links"><strong>${esc(versionLabel(version))}</strong> · <a href="sdk.gen.html">Getting started with the SDK</a></p>`,
    );
}

function gettingStarted(
  doc: OpenApiDocument,
  operations: OperationModel[],
  version: string,
  specName: string,
): string {
  const ops = describeSdkVersion(doc, version, operations).operations;
  const entry = `@cellar/sdk/${version}`;
  const client = clientVariable(doc);
  const label = versionLabel(version);
  const baseUrl = exampleBaseUrl(doc);
  // Examples prefer public reads of top-level collections: what a newcomer tries first.
  const byAppeal = [...ops].sort((a, b) => appeal(b) - appeal(a));
  const showcase = byAppeal[0];
  const paginated = byAppeal.filter((op) => op.paginated);
  const secured = ops.filter((op) => isSecured(op.operation));
  // A 404 reads most naturally on fetching one thing by its id, not on a list.
  const notFoundAppeal = (op: SdkOperation) => appeal(op) - (op.paginated ? 3 : 0);
  const errorExample = ops
    .filter((op) => op.operation.responses.some((response) => response.status === "404"))
    .sort((a, b) => notFoundAppeal(b) - notFoundAppeal(a))[0];
  const idempotent = ops.filter((op) => op.idempotencyHeader);
  const sections = [
    section(
      "install",
      "Install",
      `<p><code>@cellar/sdk</code> ${esc(doc.info.version)} follows the spec's version. It runs in browsers, Node 20+ and mobile webviews, ships ESM and CommonJS with type declarations, and has no dependencies.</p>
${code("npm install @cellar/sdk")}`,
    ),
    section(
      "client",
      "Create a client",
      `<p>Each API version is its own entry point; this page is about <code>${esc(entry)}</code>. <code>baseUrl</code> is the API's origin, without the version path.</p>
${code(`import { createClient } from "${entry}";

const ${client} = createClient({
  baseUrl: "${baseUrl}",
  getToken: () => session.idToken, // Cognito's ID token, for operations that need one; may return a promise
});`)}
<p>From CommonJS: <code>const { createClient } = require("${esc(entry)}");</code></p>`,
    ),
    showcase ? section("first-call", "A first call", firstCall(showcase, client)) : "",
    paginated.length ? section("pagination", "Pagination", pagination(paginated, client)) : "",
    section("auth", "Authentication", authentication(doc, secured, client)),
    section("errors", "Errors", errors(errorExample, client, entry)),
    section("retries", "Timeouts and retries", retries(ops, idempotent, client, showcase)),
    section("methods", "All methods", methodTable(ops)),
  ];
  return `${generatedHeader(specName, "html")}<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(`Getting started with the SDK · ${doc.info.title} ${label}`)}</title>
<style>${STYLE}</style></head>
<body><nav><h1>${esc(doc.info.title)}</h1><p><strong>${esc(label)}</strong> · spec ${esc(doc.info.version)}</p>
<ul><li><a href="index.gen.html">API reference</a></li><li><a href="#install">Getting started with the SDK</a><ul>${sections
    .map((html) => /<section id="([^"]+)"><h2>([^<]+)<\/h2>/.exec(html))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => `<li><a href="#${match[1]}">${match[2]}</a></li>`)
    .join("")}</ul></li></ul></nav>
<main><h1>Getting started with the SDK</h1>
<p>The typed JavaScript client for ${esc(doc.info.title)} ${esc(label)}: one method per operation, inputs and results typed from the spec, typed errors, timeouts, safe retries${paginated.length ? " and pagination" : ""}.</p>
${sections.join("\n")}</main></body></html>
`;
}

function firstCall(op: SdkOperation, client: string): string {
  const call = `await ${client}.${op.method}(${exampleInput(op)})`;
  const result = op.paginated
    ? `const page = ${call};
for (const item of page.items) console.log(item);
// page.nextCursor: pass it as \`cursor\` for the next page (null on the last one)`
    : `const result = ${call};`;
  return `<p>${esc(op.operation.summary ?? op.method)}: <code>${esc(op.operation.method.toUpperCase())} ${esc(op.operation.path)}</code>. The input is one object (parameters by name, header names in camelCase, the request body as <code>body</code>); the promise resolves to the response body, typed <code>${op.typeName}Result</code>.</p>
${code(result)}`;
}

function pagination(paginated: SdkOperation[], client: string): string {
  const op = paginated[0]!;
  const input = exampleInput(op, { withoutCursor: true });
  return `<p>Cursor-paginated lists (${paginated.map((entry) => `<code>${entry.method}</code>`).join(", ")}) also have an async iterator under <code>${client}.paginate</code>, which fetches the next page only when the loop gets there.</p>
${code(`for await (const item of ${client}.paginate.${op.method}(${input})) {
  console.log(item);
  if (enough) break; // no further page is requested
}`)}`;
}

function authentication(doc: OpenApiDocument, secured: SdkOperation[], client: string): string {
  if (secured.length === 0) return "<p>Every operation of this version is public.</p>";
  const scheme = Object.values(doc.components?.securitySchemes ?? {})[0] as
    | { description?: string }
    | undefined;
  return `<p>${secured.map((op) => `<code>${op.method}</code>`).join(", ")} need a bearer token: the client asks <code>getToken</code> for it before each attempt.${scheme?.description ? ` ${prose(scheme.description.trim())}` : ""}</p>
<p>When one of them answers 401, <code>refreshToken</code> (if given) is called once, shared by requests failing together, and the request is sent again with the new token.</p>
${code(`const ${client} = createClient({
  baseUrl,
  getToken: () => tokens.current,
  refreshToken: async () => (tokens.current = await auth.refresh()),
});`)}`;
}

function errors(example: SdkOperation | undefined, client: string, entry: string): string {
  const op = example;
  const snippet = op
    ? `import { isApiError, NetworkError, TimeoutError, type ${op.typeName}Error } from "${entry}";

try {
  await ${client}.${op.method}(${exampleInput(op)});
} catch (error) {
  if (isApiError<${op.typeName}Error, 404>(error, 404)) {
    console.log(error.body.detail); // typed: the problem document of the 404
  } else if (error instanceof TimeoutError || error instanceof NetworkError) {
    console.log("offline?");
  } else {
    throw error;
  }
}`
    : `import { ApiError, NetworkError, TimeoutError } from "${entry}";`;
  return `<ul>
<li><code>ApiError</code>: the API answered with an error status. <code>status</code>, <code>body</code> (an RFC 9457 problem document), <code>headers</code>. Each method's <code>…Error</code> type has one member per documented status, so checking <code>status</code> narrows <code>body</code>.</li>
<li><code>NetworkError</code>: no answer at all (offline, DNS, connection reset, CORS); <code>cause</code> holds the platform's error.</li>
<li><code>TimeoutError</code>: no complete answer within <code>timeoutMs</code>.</li>
<li>Your own <code>AbortSignal</code> (<code>{ signal }</code>, the last argument of every method) rejects with its reason, untouched.</li>
</ul>
${code(snippet)}`;
}

function retries(
  ops: SdkOperation[],
  idempotent: SdkOperation[],
  client: string,
  example: SdkOperation | undefined,
): string {
  const retried = ops.filter((op) => op.replayable);
  const notRetried = ops.filter((op) => !op.replayable);
  return `<p>Every attempt has a timeout (<code>timeoutMs</code>, default 15 s, response body included). Network errors, timeouts, 429 and 5xx are retried (<code>retry: { maxRetries: 2, baseDelayMs: 200, maxDelayMs: 10000 }</code> by default, <code>false</code> to disable) with exponential backoff and full jitter, obeying <code>Retry-After</code>, but only when replaying is safe:</p>
<ul><li>retried: ${retried.map((op) => `<code>${op.method}</code>`).join(", ") || "none"}</li>
<li>never retried (not idempotent): ${notRetried.map((op) => `<code>${op.method}</code>`).join(", ") || "none"}</li></ul>
${idempotent
  .map(
    (op) =>
      `<p><code>${op.method}</code> sends a random <code>${esc(op.idempotencyHeader!)}</code> unless you pass <code>${camel(op.idempotencyHeader!)}</code>, and repeats it on every retry, so the server performs it once.</p>`,
  )
  .join("")}
${code(`const ${client} = createClient({ baseUrl, timeoutMs: 10_000, retry: { maxRetries: 3 } });
${example ? `await ${client}.${example.method}(${exampleInput(example) || "undefined"}, { timeoutMs: 2_000, retry: false, signal }); // per call` : ""}`)}`;
}

function methodTable(ops: SdkOperation[]): string {
  const rows = ops
    .map((op) => {
      const { operation } = op;
      const input = hasInput(op) ? `${op.typeName}Input` : "";
      const auth = isSecured(operation)
        ? `token${operation.groups.length ? ` (${operation.groups.map(esc).join(", ")})` : ""}`
        : "public";
      const notes = [
        op.paginated ? "paginated" : "",
        op.replayable ? "retried" : "",
        operation.deprecated ? "deprecated" : "",
      ]
        .filter(Boolean)
        .join(", ");
      return `<tr id="method-${op.method}"><td><code>${op.method}(${input})</code></td><td><code>${op.typeName}Result</code></td><td><a href="index.gen.html#${operation.operationId}"><code>${operation.method.toUpperCase()} ${esc(operation.path)}</code></a></td><td>${auth}</td><td>${notes}</td></tr>`;
    })
    .join("\n");
  return `<table><tr><th>Method</th><th>Resolves to</th><th>Operation</th><th>Auth</th><th>Notes</th></tr>
${rows}</table>`;
}

/** `{ near: "38.5,-122.4", radius: 25000 }` from the spec's examples; placeholders where it has none. */
function exampleInput(op: SdkOperation, options: { withoutCursor?: boolean } = {}): string {
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
function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (value && typeof value === "object") {
    const members = Object.entries(value).map(
      ([key, member]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${literal(member)}`,
    );
    return members.length ? `{ ${members.join(", ")} }` : "{}";
  }
  return JSON.stringify(value) ?? "undefined";
}

function placeholder(name: string): string {
  return `<${name}>`;
}

function camel(header: string): string {
  return header
    .replace(/-([a-z])/gi, (_, letter: string) => letter.toUpperCase())
    .replace(/^./, (first) => first.toLowerCase());
}

function clientVariable(doc: OpenApiDocument): string {
  const word = /^[A-Za-z]\w*/.exec(doc.info.title)?.[0]?.toLowerCase();
  return word && !["api", "the"].includes(word) ? word : "client";
}

function exampleBaseUrl(doc: OpenApiDocument): string {
  const servers = ((doc.servers as Array<{ url?: string }> | undefined) ?? []).map(
    (server) => server.url ?? "",
  );
  return servers.find((url) => url.startsWith("https://")) ?? servers[0] ?? "https://api.example.com";
}

function versionLabel(version: string): string {
  return version === "default" ? "API" : version;
}

/** Higher for public reads of collections with few path parameters and examples to show. */
function appeal(op: SdkOperation): number {
  const { operation } = op;
  return (
    (isSecured(operation) ? 0 : 8) +
    (operation.method === "get" ? 4 : 0) +
    (op.paginated ? 2 : 0) -
    op.fields.filter((field) => field.in === "path").length +
    (op.fields.some((field) => field.required && field.example !== undefined) ? 1 : 0)
  );
}

/** Spec prose (markdown-ish) as HTML: escaped, with its backtick spans as code. */
function prose(text: string): string {
  return esc(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}

function section(id: string, title: string, body: string): string {
  return `<section id="${id}"><h2>${esc(title)}</h2>\n${body}</section>`;
}

function code(text: string): string {
  return `<pre><code>${esc(text)}</code></pre>`;
}

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const STYLE = `body{margin:0;display:flex;font:15px/1.5 system-ui,sans-serif;color:#222}nav{width:300px;height:100vh;overflow:auto;position:sticky;top:0;background:#f6f3ef;padding:1rem;box-sizing:border-box}nav ul{padding-left:1rem;list-style:none}nav a{text-decoration:none;color:#5a1e2b}main{flex:1;padding:1rem 2rem;max-width:960px}section{border-bottom:1px solid #eee;padding-bottom:1rem}pre{background:#faf8f5;padding:.5rem;overflow:auto;font-size:13px}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}a{color:#5a1e2b}`;
