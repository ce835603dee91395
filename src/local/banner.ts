import { DOCS_PATH, TOKEN_PATH } from "./local-endpoints.js";

export interface BannerInput {
  port: number;
  basePaths: readonly string[];
  hasDocs: boolean;
  tokenEndpointEnabled: boolean;
}

export function formatBanner({ port, basePaths, hasDocs, tokenEndpointEnabled }: BannerInput): string {
  const origin = `http://localhost:${port}`;
  const lines = ["", `Cellar local stage listening on ${origin}`, ""];
  for (const basePath of basePaths) lines.push(`  ${origin}/${basePath}/ping`);
  lines.push(hasDocs ? `  ${origin}${DOCS_PATH}` : "  (no docs: docs/index.gen.html not generated yet)");
  if (tokenEndpointEnabled) {
    lines.push(
      "",
      "  Get a token for secured operations:",
      `  curl -s -X POST ${origin}${TOKEN_PATH} -H 'Content-Type: application/json' \\`,
      `    -d '{"sub":"alice","groups":["admin"],"email":"alice@example.com"}'`,
      "  then send it as: Authorization: Bearer <token>",
    );
  }
  lines.push("");
  return lines.join("\n");
}
