import { deprecatedFields, operationDeprecation } from "../deprecation.js";
import { describeSdkVersion } from "../emit-sdk-client.js";
import type { OperationModel } from "../operations.js";
import type { OpenApiDocument, OperationObject } from "../spec.js";
import { codeSamples } from "./code-samples.js";
import { adminOnly } from "./version-spec.js";

export interface ReferenceLinks {
  /** Absent when the project has no SDK: no guide, no SDK samples. */
  sdkGuide?: string;
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
  const restrictedTags: Array<{ name: string; description: string }> = [];
  for (const operation of operations) {
    const object = copy.paths[operation.path]?.[operation.method as "get"] as OperationObject | undefined;
    if (!object) continue;
    if (adminOnly(operation)) {
      // Redoc lists a tag's operations path by path, so within "Wineries" an admin-only POST would
      // sit before the public GET of the next path: a tag of their own keeps them last, together.
      const tag = restrictedTag(operation.groups);
      if (!restrictedTags.some((entry) => entry.name === tag.name)) restrictedTags.push(tag);
      object.tags = [tag.name];
    }
    const op = sdk.get(operation.operationId);
    if (op) object["x-codeSamples"] = codeSamples(doc, version, op, links.sdkGuide !== undefined);
    const note = deprecationNote(doc, operation);
    if (note) object.description = `${note}\n\n${String(object.description ?? "")}`.trim();
  }
  if (restrictedTags.length > 0) {
    // A tag left with only restricted operations goes: the sidebar would show it empty.
    const used = new Set(
      operations.flatMap(
        (operation) =>
          ((copy.paths[operation.path]?.[operation.method as "get"] as OperationObject | undefined)?.tags as
            | string[]
            | undefined) ?? [],
      ),
    );
    const tags = (copy.tags as Array<{ name: string }> | undefined) ?? [];
    copy.tags = [...tags.filter((tag) => used.has(tag.name)), ...restrictedTags];
  }
  // Redoc shows a server's description as plain text: its Markdown code spans would show their backticks.
  if (Array.isArray(copy.servers))
    copy.servers = (copy.servers as Array<{ description?: unknown }>).map((server) =>
      typeof server.description === "string"
        ? { ...server, description: server.description.replace(/`([^`]+)`/g, "$1") }
        : server,
    );
  copy.info = {
    ...copy.info,
    description: `${String(copy.info.description ?? "").trim()}

## More

${links.sdkGuide ? `- [Getting started with the SDK](${links.sdkGuide})\n` : ""}- [Changelog](${links.changelog})
- [Download this version's spec (openapi.json)](${links.spec})
`,
  };
  return copy;
}

/** `admin` -> "Admin only": the reference's group for operations only those groups may call. */
function restrictedTag(groups: string[]): { name: string; description: string } {
  const label = groups.join(" or ");
  return {
    name: `${label[0]!.toUpperCase()}${label.slice(1)} only`,
    description: `Operations only callers in the group ${groups.map((group) => `\`${group}\``).join(" or ")} may call (\`cognito:groups\` claim); anyone else gets 403.`,
  };
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
