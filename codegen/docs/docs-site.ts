import { generatedHeader } from "../header.js";
import { layout, servedDocsPath } from "../layout.js";
import { apiVersionsOf, type OperationModel } from "../operations.js";
import type { OpenApiDocument } from "../spec.js";
import type { ApiHistory } from "../versioning/api-history.js";
import { changelogMarkdown } from "./changelog.js";
import { sampleLanguages } from "./code-samples.js";
import { type NavLink, renderMarkdownPage } from "./markdown-page.js";
import { referenceSpec } from "./reference-spec.js";
import type { ReferenceRenderer } from "./render-reference.js";
import { versionLabel } from "./sdk-examples.js";
import { sdkGuideMarkdown } from "./sdk-guide.js";
import { versionSpec } from "./version-spec.js";

export interface DocsSiteOptions {
  specName: string;
  history: ApiHistory;
  renderReference: ReferenceRenderer;
  /** Whether the project has the typed SDK (generate's `sdk`): its guide and samples only then. */
  sdk: boolean;
}

/**
 * Everything under docs/: the front page and the changelog; per version the reference (rendered by
 * `renderReference`), the SDK guide and the downloadable spec. Pages link each other by the paths
 * they are served at (servedDocsPath: the local stage and the Site stack serve the same paths).
 */
export async function emitDocsSite(
  doc: OpenApiDocument,
  operations: OperationModel[],
  options: DocsSiteOptions,
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const versions = apiVersionsOf(operations);
  const link = servedDocsPath;
  const nav = (current: string): NavLink[] =>
    [
      { label: `${doc.info.title} docs`, href: link(layout.docs) },
      ...versions.flatMap((version) => [
        { label: `${versionLabel(version)} reference`, href: link(layout.versionDocs(version)) },
        ...(options.sdk
          ? [{ label: `${versionLabel(version)} SDK`, href: link(layout.sdkGuide(version)) }]
          : []),
      ]),
      { label: "Changelog", href: link(layout.changelog) },
    ].map((entry) => (entry.href === link(current) ? { ...entry, current: true } : entry));

  files.set(
    layout.docs,
    renderMarkdownPage(
      {
        title: `${doc.info.title} docs`,
        nav: nav(layout.docs),
        markdown: indexMarkdown(doc, versions, options.sdk),
      },
      options.specName,
    ),
  );
  files.set(
    layout.changelog,
    renderMarkdownPage(
      {
        title: `Changes · ${doc.info.title}`,
        nav: nav(layout.changelog),
        markdown: changelogMarkdown(doc, operations, options.history),
      },
      options.specName,
    ),
  );
  const references = versions.map(async (version) => {
    const ofVersion = operations.filter((operation) => operation.version === version);
    const spec = versionSpec(doc, ofVersion, version, options.specName);
    files.set(layout.versionSpec(version), `${JSON.stringify(spec, null, 2)}\n`);
    if (options.sdk)
      files.set(
        layout.sdkGuide(version),
        renderMarkdownPage(
          {
            title: `Getting started with the SDK · ${doc.info.title} ${versionLabel(version)}`,
            nav: nav(layout.sdkGuide(version)),
            markdown: sdkGuideMarkdown(doc, ofVersion, version),
          },
          options.specName,
        ),
      );
    const rendered = await options.renderReference(
      referenceSpec(doc, spec, ofVersion, version, {
        ...(options.sdk ? { sdkGuide: link(layout.sdkGuide(version)) } : {}),
        changelog: link(layout.changelog),
        spec: link(layout.versionSpec(version)),
      }),
      {
        title: `${doc.info.title} ${versionLabel(version)} reference`,
        specUrl: link(layout.versionSpec(version)),
        sampleLanguages: sampleLanguages(options.sdk),
      },
    );
    return [version, rendered] as const;
  });
  // Versions render concurrently; the sort below keeps the output's order independent of which finished first.
  for (const [version, rendered] of await Promise.all(references))
    files.set(layout.versionDocs(version), `${generatedHeader(options.specName, "html")}${rendered}`);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function indexMarkdown(doc: OpenApiDocument, versions: string[], sdk: boolean): string {
  const columns = ["Version", "Reference", ...(sdk ? ["SDK"] : []), "Spec"];
  const rows = versions.map((version) => [
    versionLabel(version),
    `[API reference](${servedDocsPath(layout.versionDocs(version))})`,
    ...(sdk ? [`[Getting started with the SDK](${servedDocsPath(layout.sdkGuide(version))})`] : []),
    `[openapi.json](${servedDocsPath(layout.versionSpec(version))})`,
  ]);
  const table = [columns, columns.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`);
  return `# ${doc.info.title} ${doc.info.version}

${String(doc.info.description ?? "").trim()}

## Reference and guides

${table.join("\n")}

What changed in each release, and what is deprecated: [Changelog](${servedDocsPath(layout.changelog)}).
`;
}
