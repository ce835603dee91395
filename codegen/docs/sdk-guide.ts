import { describeSdkVersion, hasInput, type SdkOperation } from "../emit-sdk-client.js";
import { isSecured, type OperationModel } from "../operations.js";
import type { OpenApiDocument } from "../spec.js";
import { codeBlock, inlineCode } from "./markdown-page.js";
import { appeal, clientVariable, exampleBaseUrl, exampleInput, versionLabel } from "./sdk-examples.js";

/** "Getting started with the SDK" for one API version, as Markdown. */
export function sdkGuideMarkdown(
  doc: OpenApiDocument,
  operations: OperationModel[],
  version: string,
): string {
  const ops = describeSdkVersion(doc, version, operations).operations;
  const entry = `@cellar/sdk/${version}`;
  const client = clientVariable(doc);
  const label = versionLabel(version);
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
  const sections = [
    `# Getting started with the SDK

The typed JavaScript client for ${doc.info.title} ${label}: one method per operation, inputs and results typed from the spec, typed errors, timeouts, safe retries${paginated.length ? " and pagination" : ""}.`,
    `## Install

${inlineCode("@cellar/sdk")} ${doc.info.version} follows the spec's version. It runs in browsers, Node 20+ and mobile webviews, ships ESM and CommonJS with type declarations, and has no dependencies.

${codeBlock("sh", "npm install @cellar/sdk")}`,
    `## Create a client

Each API version is its own entry point; this page is about ${inlineCode(entry)}. ${inlineCode("baseUrl")} is the API's origin, without the version path.

${codeBlock(
  "ts",
  `import { createClient } from "${entry}";

const ${client} = createClient({
  baseUrl: "${exampleBaseUrl(doc)}",
  getToken: () => session.idToken, // Cognito's ID token, for operations that need one; may return a promise
});`,
)}

From CommonJS: ${inlineCode(`const { createClient } = require("${entry}");`)}`,
    showcase ? `## A first call\n\n${firstCall(showcase, client)}` : "",
    paginated.length ? `## Pagination\n\n${pagination(paginated, client)}` : "",
    `## Authentication\n\n${authentication(doc, secured, client)}`,
    `## Errors\n\n${errors(errorExample, client, entry)}`,
    `## Timeouts and retries\n\n${retries(ops, client, showcase)}`,
    `## All methods\n\n${methodTable(ops)}`,
  ];
  return `${sections.filter(Boolean).join("\n\n")}\n`;
}

const methodList = (ops: SdkOperation[]) => ops.map((op) => inlineCode(op.method)).join(", ");

function firstCall(op: SdkOperation, client: string): string {
  const call = `await ${client}.${op.method}(${exampleInput(op)})`;
  const result = op.paginated
    ? `const page = ${call};
for (const item of page.items) console.log(item);
// page.nextCursor: pass it as \`cursor\` for the next page (null on the last one)`
    : `const result = ${call};`;
  return `${op.operation.summary ?? op.method}: ${inlineCode(`${op.operation.method.toUpperCase()} ${op.operation.path}`)}. The input is one object (parameters by name, header names in camelCase, the request body as ${inlineCode("body")}); the promise resolves to the response body, typed ${inlineCode(`${op.typeName}Result`)}.

${codeBlock("ts", result)}`;
}

function pagination(paginated: SdkOperation[], client: string): string {
  const op = paginated[0]!;
  return `Cursor-paginated lists (${methodList(paginated)}) also have an async iterator under ${inlineCode(`${client}.paginate`)}, which fetches the next page only when the loop gets there.

${codeBlock(
  "ts",
  `for await (const item of ${client}.paginate.${op.method}(${exampleInput(op, { withoutCursor: true })})) {
  console.log(item);
  if (enough) break; // no further page is requested
}`,
)}`;
}

function authentication(doc: OpenApiDocument, secured: SdkOperation[], client: string): string {
  if (secured.length === 0) return "Every operation of this version is public.";
  const scheme = Object.values(doc.components?.securitySchemes ?? {})[0] as
    | { description?: string }
    | undefined;
  return `${methodList(secured)} need a bearer token: the client asks ${inlineCode("getToken")} for it before each attempt.${scheme?.description ? `\n\n${scheme.description.trim()}` : ""}

When one of them answers 401, ${inlineCode("refreshToken")} (if given) is called once, shared by requests failing together, and the request is sent again with the new token.

${codeBlock(
  "ts",
  `const ${client} = createClient({
  baseUrl,
  getToken: () => tokens.current,
  refreshToken: async () => (tokens.current = await auth.refresh()),
});`,
)}`;
}

function errors(op: SdkOperation | undefined, client: string, entry: string): string {
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
  return `- ${inlineCode("ApiError")}: the API answered with an error status. ${inlineCode("status")}, ${inlineCode("body")} (an RFC 9457 problem document), ${inlineCode("headers")}. Each method's ${inlineCode("…Error")} type has one member per documented status, so checking ${inlineCode("status")} narrows ${inlineCode("body")}.
- ${inlineCode("NetworkError")}: no answer at all (offline, DNS, connection reset, CORS); ${inlineCode("cause")} holds the platform's error.
- ${inlineCode("TimeoutError")}: no complete answer within ${inlineCode("timeoutMs")}.
- Your own ${inlineCode("AbortSignal")} (${inlineCode("{ signal }")}, the last argument of every method) rejects with its reason, untouched.

${codeBlock("ts", snippet)}`;
}

function retries(ops: SdkOperation[], client: string, example: SdkOperation | undefined): string {
  const retried = ops.filter((op) => op.replayable);
  const notRetried = ops.filter((op) => !op.replayable);
  const idempotent = ops.filter((op) => op.idempotencyHeader);
  return [
    `Every attempt has a timeout (${inlineCode("timeoutMs")}, default 15 s, response body included). Network errors, timeouts, 429 and 5xx are retried (${inlineCode("retry: { maxRetries: 2, baseDelayMs: 200, maxDelayMs: 10000 }")} by default, ${inlineCode("false")} to disable) with exponential backoff and full jitter, obeying ${inlineCode("Retry-After")}, but only when replaying is safe:`,
    `- retried: ${methodList(retried) || "none"}\n- never retried (not idempotent): ${methodList(notRetried) || "none"}`,
    ...idempotent.map(
      (op) =>
        `${inlineCode(op.method)} sends a random ${inlineCode(op.idempotencyHeader!)} unless you pass ${inlineCode(camel(op.idempotencyHeader!))}, and repeats it on every retry, so the server performs it once.`,
    ),
    codeBlock(
      "ts",
      `const ${client} = createClient({ baseUrl, timeoutMs: 10_000, retry: { maxRetries: 3 } });${
        example
          ? `\nawait ${client}.${example.method}(${exampleInput(example) || "undefined"}, { timeoutMs: 2_000, retry: false, signal }); // per call`
          : ""
      }`,
    ),
  ].join("\n\n");
}

function methodTable(ops: SdkOperation[]): string {
  const rows = ops.map((op) => {
    const { operation } = op;
    const input = hasInput(op) ? `${op.typeName}Input` : "";
    const auth = isSecured(operation)
      ? `token${operation.groups.length ? ` (${operation.groups.join(", ")})` : ""}`
      : "public";
    const notes = [
      op.paginated ? "paginated" : "",
      op.replayable ? "retried" : "",
      operation.deprecated ? "deprecated" : "",
    ]
      .filter(Boolean)
      .join(", ");
    return `| ${[
      inlineCode(`${op.method}(${input})`),
      inlineCode(`${op.typeName}Result`),
      inlineCode(`${operation.method.toUpperCase()} ${operation.path}`),
      auth,
      notes,
    ]
      .map((cell) => cell.replace(/\|/g, "\\|"))
      .join(" | ")} |`;
  });
  return [
    "| Method | Resolves to | Operation | Auth | Notes |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

function camel(header: string): string {
  return header
    .replace(/-([a-z])/gi, (_, letter: string) => letter.toUpperCase())
    .replace(/^./, (first) => first.toLowerCase());
}
