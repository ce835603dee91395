import { deprecatedFields, operationDeprecation } from "../deprecation.js";
import { describeSdkVersion } from "../emit-sdk-client.js";
import type { OperationModel } from "../operations.js";
import type { OpenApiDocument, OperationObject } from "../spec.js";
import { codeSamples } from "./code-samples.js";

export interface ReferenceLinks {
  sdkGuide: string;
  changelog: string;
  spec: string;
}

/**
 * What the reference renders: the version's spec plus, at docs time only, a code sample per
 * operation (`x-codeSamples`), the deprecation dates Redoc would not show, and links to the SDK
 * guide, the changelog and the spec's download at the end of the introduction.
 */
export function referenceSpec(
  doc: OpenApiDocument,
  spec: OpenApiDocument,
  operations: OperationModel[],
  version: string,
  links: ReferenceLinks,
): OpenApiDocument {
  const copy = structuredClone(spec);
  const sdk = new Map(
    describeSdkVersion(doc, version, operations).operations.map((op) => [op.operation.operationId, op]),
  );
  for (const operation of operations) {
    const object = copy.paths[operation.path]?.[operation.method as "get"] as OperationObject | undefined;
    if (!object) continue;
    const op = sdk.get(operation.operationId);
    if (op) object["x-codeSamples"] = codeSamples(doc, version, op);
    const note = deprecationNote(doc, operation);
    if (note) object.description = `${note}\n\n${String(object.description ?? "")}`.trim();
  }
  copy.info = {
    ...copy.info,
    description: `${String(copy.info.description ?? "").trim()}

## More

- [Getting started with the SDK](${links.sdkGuide})
- [Changelog](${links.changelog})
- [Download this version's spec (openapi.json)](${links.spec})
`,
  };
  return copy;
}

/** The dates behind the `Deprecation` and `Sunset` headers, and the deprecated fields, as Markdown. */
export function deprecationNote(doc: OpenApiDocument, operation: OperationModel): string {
  const { deprecated, deprecatedAt, sunset } = operationDeprecation(operation);
  const fields = deprecatedFields(doc, operation);
  const parts: string[] = [];
  if (deprecated)
    parts.push(
      `**Deprecated**${deprecatedAt ? ` since ${deprecatedAt}` : ""}: responses carry a \`Deprecation\` header.`,
    );
  if (sunset)
    parts.push(`**Sunset** ${sunset}: the operation may stop working after this date (\`Sunset\` header).`);
  if (fields.length > 0) parts.push(`**Deprecated fields**: ${fields.join(", ")}.`);
  return parts.join("\n\n");
}
