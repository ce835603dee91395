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
  docs: `${DOCS_DIR}/index.gen.html`,
  // The served name without `.gen` (`/docs/v2/sdk.html`) also works locally.
  versionDocs: (version: string) => `${DOCS_DIR}/${version}/index.gen.html`,
  sdkGuide: (version: string) => `${DOCS_DIR}/${version}/sdk.gen.html`,
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
