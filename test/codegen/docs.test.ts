import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CODE_SAMPLE_LANGUAGES, type CodeSample } from "../../codegen/docs/code-samples.js";
import { emitDocsSite } from "../../codegen/docs/docs-site.js";
import type { ReferenceOptions } from "../../codegen/docs/render-reference.js";
import { adminOnly } from "../../codegen/docs/version-spec.js";
import { layout } from "../../codegen/layout.js";
import { collectOperations, requiresApiKey } from "../../codegen/operations.js";
import { loadSpec, type OpenApiDocument, type OperationObject } from "../../codegen/spec.js";
import { readApiHistory } from "../../codegen/versioning/api-history.js";

const repoRoot = resolve(import.meta.dirname, "../..");
const doc = loadSpec(resolve(repoRoot, "openapi.yaml"));
const operations = collectOperations(doc);
const versions = ["v1", "v2"];

/** What each version's reference was asked to render. */
const rendered = new Map<string, { spec: OpenApiDocument; options: ReferenceOptions }>();
let files = new Map<string, string>();

beforeAll(async () => {
  files = await emitDocsSite(doc, operations, {
    specName: "openapi.yaml",
    history: readApiHistory(resolve(repoRoot, "api-history")),
    sdk: true,
    renderReference: async (spec, options) => {
      rendered.set(options.title, { spec, options });
      return `<!doctype html><title>${options.title}</title>\n`;
    },
  });
});

const referenceOf = (version: string) => rendered.get(`Cellar API ${version} reference`)!;

/** `GET /v2/wineries` -> `listWineries`, read from the generated SDK's own declarations. */
function sdkMethods(version: string): Map<string, string> {
  const source = readFileSync(resolve(repoRoot, layout.sdkClient(version)), "utf8");
  const methods = new Map<string, string>();
  for (const [, comment, method] of source.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\n {2}(\w+)\(/g)) {
    const operation = /`([A-Z]+) (\/[^`\s]+)`/.exec(comment!);
    if (operation) methods.set(`${operation[1]} ${operation[2]}`, method!);
  }
  return methods;
}

function operationsOf(spec: OpenApiDocument): Array<{ key: string; object: OperationObject }> {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ["get", "put", "post", "delete", "patch"].includes(method))
      .map(([method, object]) => ({
        key: `${method.toUpperCase()} ${path}`,
        object: object as OperationObject,
      })),
  );
}

describe("the docs site", () => {
  it("has a front page, a changelog and, per version, a reference, an SDK guide and the spec", () => {
    expect([...files.keys()]).toEqual([
      "docs/changelog.gen.html",
      "docs/index.gen.html",
      "docs/v1/index.gen.html",
      "docs/v1/openapi.gen.json",
      "docs/v1/sdk.gen.html",
      "docs/v2/index.gen.html",
      "docs/v2/openapi.gen.json",
      "docs/v2/sdk.gen.html",
    ]);
  });

  it.each(versions)(
    "gives every %s operation an SDK sample with the SDK's real method name, and curl",
    (version) => {
      const methods = sdkMethods(version);
      const ofVersion = operationsOf(referenceOf(version).spec);
      expect(ofVersion).toHaveLength(operations.filter((operation) => operation.version === version).length);
      expect(methods.size).toBe(ofVersion.length);
      for (const { key, object } of ofVersion) {
        const samples = object["x-codeSamples"] as CodeSample[];
        expect(
          samples.map((sample) => sample.label),
          key,
        ).toEqual(CODE_SAMPLE_LANGUAGES.map((language) => language.label));
        const [sdk, curl] = samples as [CodeSample, CodeSample];
        expect(sdk.source, key).toContain(`import { createClient } from "@cellar/sdk/${version}";`);
        expect(sdk.source, key).toContain(`await cellar.${methods.get(key)}(`);
        const [method, path] = key.split(" ") as [string, string];
        expect(curl.source, key).toMatch(/^curl /);
        expect(curl.source, key).toContain(`https://api.cellar.example${path.split("{")[0]}`);
        if (method !== "GET") expect(curl.source, key).toContain(`-X ${method}`);
      }
    },
  );

  it.each(versions)(
    "sends the partner key in exactly the %s samples whose operation requires one",
    (version) => {
      const keyed = new Set(operations.filter(requiresApiKey).map((operation) => operation.operationId));
      for (const { key, object } of operationsOf(referenceOf(version).spec)) {
        const [sdk, curl] = object["x-codeSamples"] as [CodeSample, CodeSample];
        const needsKey = keyed.has(object.operationId as string);
        expect(curl.source.includes('-H "x-api-key: $API_KEY"'), key).toBe(needsKey);
        expect(sdk.source.includes('apiKey: "YOUR_API_KEY",'), key).toBe(needsKey);
      }
      expect(keyed.size).toBeGreaterThan(0);
    },
  );

  it("fills samples from the spec's examples", () => {
    const listWineries = operationsOf(referenceOf("v2").spec).find(({ key }) => key === "GET /v2/wineries")!;
    const [sdk, curl] = listWineries.object["x-codeSamples"] as [CodeSample, CodeSample];
    expect(sdk.source).toContain(
      'await cellar.listWineries({ near: "38.5,-122.4", radius: 25000, limit: 20 });',
    );
    expect(curl.source).toBe(
      "curl 'https://api.cellar.example/v2/wineries?near=38.5,-122.4&radius=25000&limit=20' \\\n  -H \"x-api-key: $API_KEY\"\n",
    );
    const createWinery = operationsOf(referenceOf("v2").spec).find(({ key }) => key === "POST /v2/wineries")!;
    const [, createCurl] = createWinery.object["x-codeSamples"] as [CodeSample, CodeSample];
    expect(createCurl.source).toContain('-H "authorization: Bearer $TOKEN"');
    expect(createCurl.source).toMatch(/-H 'content-type: application\/json' \\\n {2}-d '\{"name":/);
  });

  it.each(versions)("offers the %s spec for download, without the docs-only samples", (version) => {
    const { spec, options } = referenceOf(version);
    expect(options.specUrl).toBe(`/docs/${version}/openapi.json`);
    expect(options.sampleLanguages).toEqual(CODE_SAMPLE_LANGUAGES);
    expect(spec.info.description).toContain(
      `[Download this version's spec (openapi.json)](/docs/${version}/openapi.json)`,
    );
    // Server descriptions are shown as plain text: no backticks left to show.
    expect(JSON.stringify(spec.servers)).not.toContain("`");
    expect(JSON.stringify(doc.servers)).toContain("`npm start`");
    const download = JSON.parse(files.get(layout.versionSpec(version))!) as OpenApiDocument;
    expect(download.openapi).toBe("3.0.3");
    expect(Object.keys(download.paths).every((path) => path.startsWith(`/${version}/`))).toBe(true);
    expect(JSON.stringify(download)).not.toContain("x-codeSamples");
    // Only the components its operations reach: no other version's schemas.
    const other = version === "v1" ? "V2" : "V1";
    expect(Object.keys(download.components?.schemas ?? {}).filter((name) => name.endsWith(other))).toEqual(
      [],
    );
    expect(download.components?.securitySchemes).toEqual(doc.components?.securitySchemes);
  });

  it.each(versions)("lists administrators' %s operations last, under a tag of their own", (version) => {
    const { spec } = referenceOf(version);
    const byKey = new Map(
      operations.map((operation) => [`${operation.method.toUpperCase()} ${operation.path}`, operation]),
    );
    const tags = (spec.tags as Array<{ name: string }>).map((tag) => tag.name);
    expect(tags).toEqual([
      ...(version === "v1"
        ? ["Health", "Wineries", "Favorites", "Reviews"]
        : ["Health", "Wineries", "Favorites", "Reviews", "Account"]),
      "Admin only",
    ]);
    const inOrder = operationsOf(spec);
    expect(adminOnly(byKey.get(inOrder[0]!.key)!)).toBe(false);
    for (const { key, object } of inOrder)
      expect(object.tags, key).toEqual(
        adminOnly(byKey.get(key)!) ? ["Admin only"] : expect.not.arrayContaining(["Admin only"]),
      );
    // The downloadable spec keeps the spec's own tags.
    const download = JSON.parse(files.get(layout.versionSpec(version))!) as OpenApiDocument;
    expect(JSON.stringify(download)).not.toContain("Admin only");
  });

  it("renders the Markdown of the front page, the SDK guides and the changelog", () => {
    const pages = [
      "docs/index.gen.html",
      "docs/changelog.gen.html",
      "docs/v1/sdk.gen.html",
      "docs/v2/sdk.gen.html",
    ];
    for (const file of pages) {
      const html = files.get(file)!;
      // Past the banner, outside code blocks (whose comments may quote code in backticks).
      const body = html.slice(html.indexOf("\n")).replace(/<pre>[\s\S]*?<\/pre>/g, "");
      expect(body, file).not.toMatch(/^#+ |```|`[^`<]+`/m);
      expect(html.split("\n")[0], file).toMatch(/^<!-- Generated by cellar codegen from openapi.yaml/);
      expect(html, file).not.toMatch(/<script|<link\b|<img\b|@import|url\(/i);
    }
    const front = files.get("docs/index.gen.html")!;
    expect(front).toContain('<h2 id="versions">Versions</h2>');
    expect(front).toContain("<li><code>/v1</code> returns flat objects and plain arrays.</li>");
    expect(front).toContain('<a href="/docs/v2/openapi.json">openapi.json</a>');
    const guide = files.get("docs/v2/sdk.gen.html")!;
    expect(guide).toContain('<h1 id="getting-started-with-the-sdk">Getting started with the SDK</h1>');
    expect(guide).toContain(
      '<pre><code class="language-ts">import { createClient } from &quot;@cellar/sdk/v2&quot;;',
    );
    expect(guide).toContain(
      "await cellar.listWineries({ near: &quot;38.5,-122.4&quot;, radius: 25000, limit: 20 })",
    );
    expect(guide).toContain("for await (const item of cellar.paginate.listWineries(");
    // The form that narrows to the 404's member (sdk/README.md, test/sdk/is-api-error-types.test.ts).
    expect(guide).toContain("isApiError&lt;GetWineryError, 404&gt;(error, 404)");
    expect(guide).toContain("<code>createWinery</code> sends a random <code>Idempotency-Key</code>");
    expect(guide).toContain(
      '<a href="/docs/v2/">v2 reference</a><a href="/docs/v2/sdk.html" aria-current="page">v2 SDK</a>',
    );
  });

  it("lists every SDK method in the guide's table", () => {
    for (const version of versions) {
      const guide = files.get(layout.sdkGuide(version))!;
      for (const method of sdkMethods(version).values())
        expect(guide, `${version} ${method}`).toMatch(new RegExp(`<td><code>${method}\\(`));
    }
    expect(files.get("docs/v1/sdk.gen.html")).not.toContain("paginate");
  });

  it("shows each version's releases, from api-history, in the changelog", () => {
    const changelog = files.get("docs/changelog.gen.html")!;
    const v1 = changelog.slice(
      changelog.indexOf('<h2 id="v1">v1</h2>'),
      changelog.indexOf('<h2 id="v2">v2</h2>'),
    );
    expect(v1).toMatch(
      /<p>Released: \d+\.\d+\.\d+ on \d{4}-\d{2}-\d{2} \(<code>api-history\/v1\/[\d.]+json<\/code>\)\.<\/p>/,
    );
    expect(v1).toMatch(/<h3 id="1-0-0[^"]*">1\.0\.0 — /);
    expect(v1).toMatch(/<li><strong>(additive|compatible)<\/strong> <code>\w+V1<\/code>: /);
    expect(changelog.slice(changelog.indexOf('<h2 id="v2">v2</h2>'))).toContain("Not released yet");
  });
});

describe("the docs of a project without the SDK (generate's sdk: false)", () => {
  it("have no SDK guide, no SDK samples and no SDK links: curl only", async () => {
    const asked: Array<{ spec: OpenApiDocument; options: ReferenceOptions }> = [];
    const site = await emitDocsSite(doc, operations, {
      specName: "openapi.yaml",
      history: new Map(),
      sdk: false,
      renderReference: async (spec, options) => {
        asked.push({ spec, options });
        return "<!doctype html>\n";
      },
    });
    expect([...site.keys()].filter((file) => file.includes("sdk"))).toEqual([]);
    for (const [file, content] of site) {
      expect(content, file).not.toContain("@cellar/sdk");
      expect(content, file).not.toContain("sdk.html");
    }
    for (const { spec, options } of asked) {
      expect(options.sampleLanguages).toEqual([{ lang: "curl", label: "curl" }]);
      expect(spec.info.description).not.toContain("Getting started with the SDK");
      for (const { key, object } of operationsOf(spec))
        expect(
          (object["x-codeSamples"] as CodeSample[]).map((sample) => sample.label),
          key,
        ).toEqual(["curl"]);
    }
  });
});

describe("the committed reference (redocly build-docs output)", () => {
  it.each(versions)(
    "%s is one page that needs no CDN, titled, with the spec's Markdown rendered",
    (version) => {
      const html = readFileSync(resolve(repoRoot, layout.versionDocs(version)), "utf8");
      expect(html.split("\n")[0]).toMatch(/^<!-- Generated by cellar codegen from openapi.yaml/);
      expect(html).toContain(`<title>Cellar API ${version} reference</title>`);
      expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="https?:|import [^;]*from\s*"https?:/);
      const prerendered = html.slice(
        html.indexOf('<div id="redoc">'),
        html.indexOf('<script type="module">'),
      );
      expect(prerendered).not.toContain("## Versions");
      expect(prerendered).toMatch(/<h2[^>]*>.*Versions.*<\/h2>/);
      expect(prerendered).toContain(`href="/docs/${version}/openapi.json"`);
    },
  );
});
