import type { SdkOperation } from "../emit-sdk-client.js";
import { isSecured, requiresApiKey } from "../operations.js";
import { API_KEY_HEADER } from "../security-mapping.js";
import type { OpenApiDocument } from "../spec.js";
import { clientVariable, exampleBaseUrl, exampleInput, placeholder } from "./sdk-examples.js";

/**
 * Redoc's `x-codeSamples` (https://redocly.com/docs-legacy/api-reference-docs/specification-extensions/x-code-samples):
 * shown next to each operation. Added at docs time only, never into openapi.yaml.
 */
export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

/**
 * The samples' languages, as Redoc's `codeSamples.languages` option lists them: Redoc shows a
 * sample only when its label is one of these (the label is the key), in this order.
 */
export const CODE_SAMPLE_LANGUAGES = [
  { lang: "JavaScript", label: "SDK" },
  { lang: "curl", label: "curl" },
] as const;
const [SDK, CURL] = CODE_SAMPLE_LANGUAGES;

/** The languages shown: the SDK's only where the project has the SDK. */
export function sampleLanguages(sdk: boolean): ReadonlyArray<{ lang: string; label: string }> {
  return sdk ? CODE_SAMPLE_LANGUAGES : [CURL];
}

/** What the SDK sample passes as `apiKey`: the partner's own key goes there. */
const API_KEY_PLACEHOLDER = "YOUR_API_KEY";

/** An SDK call with the SDK's own method name (when there is an SDK), and the same request with curl. */
export function codeSamples(
  doc: OpenApiDocument,
  version: string,
  op: SdkOperation,
  sdk: boolean,
): CodeSample[] {
  return [
    ...(sdk ? [{ ...SDK, source: sdkSample(doc, version, op) }] : []),
    { ...CURL, source: curlSample(doc, op) },
  ];
}

function sdkSample(doc: OpenApiDocument, version: string, op: SdkOperation): string {
  const client = clientVariable(doc);
  // A partner's key goes with every call that needs one; the signed-in user's ID token likewise.
  const options = [
    `baseUrl: "${exampleBaseUrl(doc)}",`,
    ...(requiresApiKey(op.operation) ? [`apiKey: "${API_KEY_PLACEHOLDER}",`] : []),
    ...(isSecured(op.operation) ? ["getToken: () => session.idToken,"] : []),
  ];
  return `import { createClient } from "@cellar/sdk/${version}";

const ${client} = createClient({
${options.map((option) => `  ${option}`).join("\n")}
});
const result = await ${client}.${op.method}(${exampleInput(op)});
`;
}

function curlSample(doc: OpenApiDocument, op: SdkOperation): string {
  const { operation } = op;
  const shown = op.fields.filter(
    (field) => field.required || (field.example !== undefined && field.name !== "cursor"),
  );
  const value = (name: string, example: unknown) =>
    example === undefined
      ? placeholder(name)
      : typeof example === "string"
        ? example
        : JSON.stringify(example);
  let path = operation.path;
  for (const field of shown.filter((entry) => entry.in === "path"))
    path = path.replace(`{${field.name}}`, encodeURIComponent(value(field.name, field.example)));
  const query = shown
    .filter((field) => field.in === "query")
    // Commas stay readable: they are allowed unencoded in a query.
    .map(
      (field) => `${field.name}=${encodeURIComponent(value(field.name, field.example)).replace(/%2C/g, ",")}`,
    )
    .join("&");
  const lines = [
    `curl${operation.method === "get" ? "" : ` -X ${operation.method.toUpperCase()}`} ${shellQuote(`${exampleBaseUrl(doc)}${path}${query ? `?${query}` : ""}`)}`,
  ];
  if (requiresApiKey(operation)) lines.push(`-H "${API_KEY_HEADER}: $API_KEY"`);
  if (isSecured(operation)) lines.push(`-H "authorization: Bearer $TOKEN"`);
  for (const field of shown.filter((entry) => entry.in === "header"))
    lines.push(`-H ${shellQuote(`${field.name}: ${value(field.name, field.example)}`)}`);
  const body = op.body;
  if (body && (body.required || body.example !== undefined)) {
    lines.push(`-H ${shellQuote(`content-type: ${body.contentType}`)}`);
    const example = body.example ?? {};
    lines.push(`-d ${shellQuote(typeof example === "string" ? example : JSON.stringify(example))}`);
  }
  return `${lines.join(" \\\n  ")}\n`;
}

/** Single-quoted for a POSIX shell. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
