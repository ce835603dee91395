import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import type { OpenApiDocument } from "../spec.js";

/** Turns one version's spec into its reference page (a whole HTML document). */
export type ReferenceRenderer = (spec: OpenApiDocument, options: ReferenceOptions) => Promise<string>;

export interface ReferenceOptions {
  /** The page's `<title>`. */
  title: string;
  /** Where the page offers the spec for download, relative to the page (`openapi.json`). */
  specUrl: string;
  /** Redoc's `codeSamples.languages`: it shows the samples whose label is listed, in this order. */
  sampleLanguages: ReadonlyArray<{ lang: string; label: string }>;
}

const run = promisify(execFile);
const redoclyCli = join(
  dirname(createRequire(import.meta.url).resolve("@redocly/cli/package.json")),
  "bin/cli.js",
);

/**
 * `redocly build-docs` (https://redocly.com/docs/cli/commands/build-docs): Redoc prerendered into
 * one HTML file. `--inlineBundle` embeds Redoc's script, so the page needs no CDN and works offline
 * or handed to a third party as a file; its only outside request is the "API docs by Redocly"
 * attribution image, which the page hides when it does not load. Redoc routes by the URL's hash
 * (`#/wineries`), so any server that serves the page serves all of it. Run in an empty folder so the repo's lint config
 * (redocly.yaml) does not apply; telemetry and update checks off, so it never reaches the network.
 */
export const renderWithRedocly: ReferenceRenderer = async (spec, options) => {
  const dir = await mkdtemp(join(tmpdir(), "cellar-docs-"));
  try {
    await writeFile(join(dir, "openapi.json"), JSON.stringify(spec));
    await run(
      process.execPath,
      [
        redoclyCli,
        "build-docs",
        "openapi.json",
        "--output",
        "reference.html",
        "--inlineBundle",
        "--title",
        options.title,
        "--openapi",
        JSON.stringify({
          downloadUrls: [{ title: "OpenAPI (JSON)", url: options.specUrl }],
          codeSamples: { languages: options.sampleLanguages },
        }),
      ],
      {
        cwd: dir,
        env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    return await readFile(join(dir, "reference.html"), "utf8");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

/**
 * A page that only names the reference, for callers that exercise or time the generator rather
 * than the docs (codegen's unit tests, the corpus run, the codegen bench): no Redocly process each time.
 */
export const placeholderReference: ReferenceRenderer = async (_spec, options) =>
  `<!doctype html><title>${options.title}</title><p>Reference not rendered: run \`npm run docs\`.</p>\n`;
