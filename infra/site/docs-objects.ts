import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { DOCS_DIR, servedDocsFile } from "../../codegen/layout.js";

/** One file of the generated docs as the site serves it: `docs/v2/openapi.json` from `docs/v2/openapi.gen.json`. */
export interface DocsObject {
  key: string;
  body: string;
}

/** Every file under docs/, keyed by its served name, in a stable order. */
export function docsObjects(repoRoot: string): DocsObject[] {
  const root = join(repoRoot, DOCS_DIR);
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(`${DOCS_DIR}/${relative(root, path).split("\\").join("/")}`);
    }
  };
  walk(root);
  return files
    .sort()
    .map((file) => ({ key: servedDocsFile(file), body: readFileSync(join(repoRoot, file), "utf8") }));
}
