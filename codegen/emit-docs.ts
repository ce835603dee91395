import { deprecatedFields, operationDeprecation } from "./deprecation.js";
import { generatedHeader } from "./header.js";
import { apiVersionsOf, isSecured, type OperationModel, requiresApiKey } from "./operations.js";
import {
  type MediaTypeObject,
  type OpenApiDocument,
  type RequestBodyObject,
  type ResponseObject,
  resolveRef,
} from "./spec.js";

/**
 * Self-contained API reference (one HTML file, no scripts, no external assets) that the local
 * stage serves at /docs and that can be handed to third parties as is.
 */
export function emitDocs(
  doc: OpenApiDocument,
  operations: OperationModel[],
  specName: string,
  /** Extra HTML appended after the operations (the "Changes" section), linked from the navigation. */
  changesSection = "",
): string {
  const versions = apiVersionsOf(operations);
  const toc = versions
    .map(
      (version) =>
        `<li>${esc(version)}<ul>${operations
          .filter((operation) => operation.version === version)
          .map(
            (operation) =>
              `<li><a href="#${operation.operationId}">${methodBadge(operation)} ${esc(operation.path)}</a></li>`,
          )
          .join("")}</ul></li>`,
    )
    .join("");
  const sections = operations.map((operation) => operationSection(doc, operation)).join("\n");
  return `${generatedHeader(specName, "html")}<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(doc.info.title)} ${esc(doc.info.version)}</title>
<style>${STYLE}</style></head>
<body><nav><h1>${esc(doc.info.title)}</h1><p>version ${esc(doc.info.version)}${changesSection ? ' · <a href="#changes">Changes</a>' : ""}</p><ul>${toc}</ul></nav>
<main><section><h1>${esc(doc.info.title)}</h1><p>${esc(String(doc.info.description ?? ""))}</p>
<p>Errors are <code>application/problem+json</code> (RFC 9457). Secured operations take <code>Authorization: Bearer &lt;JWT&gt;</code>.</p></section>
${sections}${changesSection}</main></body></html>
`;
}

function operationSection(doc: OpenApiDocument, operation: OperationModel): string {
  const object = operation.object;
  const deprecated = new Set(deprecatedFields(doc, operation));
  const key = requiresApiKey(operation) ? "an API key (<code>x-api-key</code>)" : undefined;
  const token = isSecured(operation)
    ? `a bearer token${operation.groups.length ? ` and group <code>${esc(operation.groups.join(", "))}</code>` : ""}`
    : undefined;
  const needs = [token, key].filter(Boolean).join(" and ");
  const security = needs ? `<p class="auth">Requires ${needs}.</p>` : `<p class="auth">Public.</p>`;
  const parameters = operation.parameters.length
    ? `<h4>Parameters</h4><table><tr><th>Name</th><th>In</th><th>Required</th><th>Schema</th></tr>${operation.parameters
        .map(
          (parameter) =>
            `<tr><td><code>${esc(parameter.name)}</code>${deprecated.has(`${parameter.in} parameter \`${parameter.name}\``) ? ' <span class="deprecated">deprecated</span>' : ""}</td><td>${parameter.in}</td><td>${parameter.required ? "yes" : "no"}</td><td><code>${esc(JSON.stringify(parameter.schema))}</code></td></tr>`,
        )
        .join("")}</table>`
    : "";
  const body = object.requestBody
    ? requestBodySection(doc, resolveRef<RequestBodyObject>(doc, object.requestBody))
    : "";
  const responses = Object.keys(object.responses)
    .sort()
    .map((status) => responseSection(doc, status, resolveRef<ResponseObject>(doc, object.responses[status]!)))
    .join("");
  return `<section id="${operation.operationId}"><h2>${methodBadge(operation)} <code>${esc(operation.path)}</code>${operation.deprecated ? ' <span class="deprecated">deprecated</span>' : ""}</h2>
<p><strong>${esc(operation.summary ?? "")}</strong> <small>operationId <code>${operation.operationId}</code></small></p>
<p>${esc(String(object.description ?? ""))}</p>${deprecationNotice(operation, [...deprecated])}${security}${parameters}${body}<h4>Responses</h4>${responses}</section>`;
}

/** Deprecation with its dates (also sent as `Deprecation`/`Sunset` headers), and deprecated fields. */
function deprecationNotice(operation: OperationModel, fields: string[]): string {
  const { deprecated, deprecatedAt, sunset } = operationDeprecation(operation);
  const parts: string[] = [];
  if (deprecated)
    parts.push(
      `<p class="deprecated"><strong>Deprecated</strong>${deprecatedAt ? ` since ${esc(deprecatedAt)}` : ""}: responses carry a <code>Deprecation</code> header.</p>`,
    );
  if (sunset)
    parts.push(
      `<p class="deprecated"><strong>Sunset</strong> ${esc(sunset)}: the operation may stop working after this date (<code>Sunset</code> header).</p>`,
    );
  if (fields.length > 0)
    parts.push(
      `<p class="deprecated"><strong>Deprecated fields</strong>: ${fields.map((field) => inlineCode(field)).join(", ")}.</p>`,
    );
  return parts.join("");
}

/** Escapes text and turns its backtick spans into code elements. */
export function inlineCode(text: string): string {
  return esc(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}

function requestBodySection(doc: OpenApiDocument, body: RequestBodyObject): string {
  return `<h4>Request body${body.required ? "" : " (optional)"}</h4>${mediaTypes(doc, body.content)}`;
}

function responseSection(doc: OpenApiDocument, status: string, response: ResponseObject): string {
  return `<details><summary><code>${esc(status)}</code> ${esc(response.description)}</summary>${mediaTypes(doc, response.content ?? {})}</details>`;
}

function mediaTypes(doc: OpenApiDocument, content: Record<string, MediaTypeObject>): string {
  return Object.keys(content)
    .sort()
    .map((type) => {
      const media = content[type]!;
      const schema = media.schema ? resolveRef<Record<string, unknown>>(doc, media.schema) : undefined;
      const ref = typeof media.schema?.$ref === "string" ? media.schema.$ref.split("/").pop() : undefined;
      const example = media.example ?? schema?.example;
      return `<p><code>${esc(type)}</code>${ref ? ` — schema <code>${esc(ref)}</code>` : ""}</p>${
        schema ? `<pre>${esc(JSON.stringify(schema, null, 2))}</pre>` : ""
      }${example !== undefined ? `<p>Example</p><pre>${esc(JSON.stringify(example, null, 2))}</pre>` : ""}`;
    })
    .join("");
}

function methodBadge(operation: OperationModel): string {
  return `<span class="method ${operation.method}">${operation.method.toUpperCase()}</span>`;
}

export function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const STYLE = `body{margin:0;display:flex;font:15px/1.5 system-ui,sans-serif;color:#222}nav{width:300px;height:100vh;overflow:auto;position:sticky;top:0;background:#f6f3ef;padding:1rem;box-sizing:border-box}nav ul{padding-left:1rem;list-style:none}nav a{text-decoration:none;color:#5a1e2b}main{flex:1;padding:1rem 2rem;max-width:960px}section{border-bottom:1px solid #eee;padding-bottom:1rem}pre{background:#faf8f5;padding:.5rem;overflow:auto;font-size:13px}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left}.method{font:bold 12px monospace;padding:2px 6px;border-radius:3px;color:#fff;background:#555}.get{background:#2b7a4b}.post{background:#2b5a9a}.put{background:#8a6d1a}.patch{background:#6b3a8a}.delete{background:#a33}.deprecated{color:#a33}.level{font:bold 11px monospace;padding:1px 5px;border-radius:3px;color:#fff}.breaking{background:#a33}.additive{background:#2b7a4b}.compatible{background:#777}`;
