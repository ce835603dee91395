import { DOCS_PATH, TOKEN_PATH } from "./local-endpoints.js";

export interface BannerInput {
  port: number;
  basePaths: readonly string[];
  hasDocs: boolean;
  tokenEndpointEnabled: boolean;
  /** Whether the demo app is built; undefined leaves it out of the banner. */
  hasApp?: boolean;
  /** API versions with generated third-party docs under /docs/<version>/. */
  docsVersions?: readonly string[];
  /** The user pool (COGNITO_*) whose ID tokens the stage also trusts. */
  cognitoPool?: string;
}

export function formatBanner({
  port,
  basePaths,
  hasDocs,
  tokenEndpointEnabled,
  hasApp,
  docsVersions = [],
  cognitoPool,
}: BannerInput): string {
  const origin = `http://localhost:${port}`;
  const lines = ["", `Cellar local stage listening on ${origin}`, ""];
  for (const basePath of basePaths) lines.push(`  ${origin}/${basePath}/ping`);
  lines.push(hasDocs ? `  ${origin}${DOCS_PATH}/` : "  (no docs: docs/index.gen.html not generated yet)");
  for (const version of docsVersions)
    lines.push(`  ${origin}${DOCS_PATH}/${version}/  (${version} docs and SDK guide)`);
  if (hasApp !== undefined) {
    lines.push(
      hasApp ? `  ${origin}/app/  (the SDK demo app)` : "  (no demo app at /app: run npm run app:build)",
    );
  }
  if (cognitoPool) lines.push("", `  Trusts user pool ${cognitoPool}: the demo app signs in there`);
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
