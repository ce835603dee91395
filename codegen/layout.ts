import { kebabCase } from "./naming.js";

/** Where the API Gateway definitions go; the gateway CLI's `--gateway-dir` defaults to it. */
export const GATEWAY_DIR = "gateway";
/** Where the docs go; `npm run docs` writes only files under it. */
export const DOCS_DIR = "docs";
/**
 * Where `npm run app:build` puts the demo app: what `npm start` serves at /app and the Site stack
 * deploys under /app/ (npm run synth builds it when it is missing).
 */
export const DEMO_APP_DIR = "examples/mobile-web/dist";
const GATEWAY_SUFFIX = ".gen.json";
/**
 * Where the docs are served (the local stage and the Site stack): the pages link each other by
 * absolute paths under it. `/docs/v2/sdk.html` serves `docs/v2/sdk.gen.html`.
 */
export const DOCS_URL_PATH = "/docs";
/**
 * The package generated wrappers and scaffolded handlers import at run time (src/runtime in this
 * repo, resolved from source by tsconfig `paths`; installed from npm everywhere else).
 */
export const RUNTIME_PACKAGE = "@cellar/runtime";

/**
 * Where each generated or scaffolded file lives, relative to the output root: the one table codegen
 * writes by and the local stage, the gateway CLI, the CDK app and the tests read by.
 */
export const layout = {
  types: "src/generated/types.gen.ts",
  handlers: "src/generated/handlers.gen.ts",
  routes: "src/generated/routes.gen.ts",
  operation: (operationId: string) => `src/generated/operations/${operationId}.gen.ts`,
  validators: (operationId: string) => `src/generated/validators/${operationId}.gen.js`,
  validatorTypes: (operationId: string) => `src/generated/validators/${operationId}.gen.d.ts`,
  // The hyphen keeps it apart from operations' modules (an operationId is an identifier).
  validatorHelpers: "src/generated/validators/validator-helpers.gen.js",
  componentValidator: (schemaName: string) => `src/generated/validators/components/${schemaName}.gen.js`,
  gateway: (version: string) => `${GATEWAY_DIR}/${gatewayFileName(version)}`,
  /** The docs' front page: what the API is, its versions, links to each reference and guide. */
  docs: `${DOCS_DIR}/index.gen.html`,
  changelog: `${DOCS_DIR}/changelog.gen.html`,
  // Served without `.gen` (`/docs/v2/sdk.html`, `/docs/v2/openapi.json`): servedDocsPath().
  versionDocs: (version: string) => `${DOCS_DIR}/${version}/index.gen.html`,
  sdkGuide: (version: string) => `${DOCS_DIR}/${version}/sdk.gen.html`,
  /** One version's spec, as third parties download it. */
  versionSpec: (version: string) => `${DOCS_DIR}/${version}/openapi.gen.json`,
  sdkTypes: "sdk/src/generated/types.gen.ts",
  sdkClient: (version: string) => `sdk/src/generated/${version}.gen.ts`,
  handlerStub: (operationId: string) => `src/handlers/${kebabCase(operationId)}.handler.ts`,
  /** The hand-written handler registry, checked against the generated `Handlers` type. */
  handlerIndex: "src/handlers/index.ts",
};

/** `v1` → `v1.gen.json`, the name of a version's definition inside any gateway directory. */
export function gatewayFileName(version: string): string {
  return `${version}${GATEWAY_SUFFIX}`;
}

/** The inverse: `v1.gen.json` → `v1`; `undefined` for any other file. */
export function gatewayFileVersion(fileName: string): string | undefined {
  return fileName.endsWith(GATEWAY_SUFFIX) ? fileName.slice(0, -GATEWAY_SUFFIX.length) : undefined;
}

/** `docs/v2/sdk.gen.html` → `docs/v2/sdk.html`: the file's name where it is served (the Site stack's object key). */
export function servedDocsFile(file: string): string {
  if (!file.startsWith(`${DOCS_DIR}/`)) throw new Error(`${file} is not under ${DOCS_DIR}/`);
  return `${DOCS_URL_PATH.slice(1)}/${file.slice(DOCS_DIR.length + 1).replace(/\.gen\.(\w+)$/, ".$1")}`;
}

/** `docs/v2/sdk.gen.html` → `/docs/v2/sdk.html`; a folder's `index.gen.html` → the folder (`/docs/v2/`). */
export function servedDocsPath(file: string): string {
  const served = `/${servedDocsFile(file)}`;
  return served.endsWith("/index.html") ? served.slice(0, -"index.html".length) : served;
}
