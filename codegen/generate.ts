import { dirname, join, relative } from "node:path";
import { normalizeDiscriminatorMappings } from "./discriminator-mapping.js";
import { emitDocsSite } from "./docs/docs-site.js";
import { type ReferenceRenderer, renderWithRedocly } from "./docs/render-reference.js";
import { emitGatewayDefinition } from "./emit-gateway.js";
import { emitHandlerIndexStub, emitHandlerStub } from "./emit-handler-stub.js";
import { emitHandlersModule, emitRoutesModule } from "./emit-handlers.js";
import { emitOperationModule, emitValidatorDeclaration } from "./emit-operation.js";
import { emitSdk } from "./emit-sdk.js";
import { emitTypes } from "./emit-types.js";
import { emitValidators } from "./emit-validators.js";
import { generatedHeader } from "./header.js";
import { hoistSchemaRefs } from "./hoist-schema-refs.js";
import { layout, RUNTIME_PACKAGE } from "./layout.js";
import { apiVersionsOf, collectOperations } from "./operations.js";
import type { OpenApiDocument } from "./spec.js";
import { readApiHistory } from "./versioning/api-history.js";

export interface GenerateOptions {
  /** How the spec is named in banners (a path relative to the repo, so output is machine-independent). */
  specName: string;
  /** Absolute output root; generated paths are relative to it. */
  outDir: string;
  /** Absolute path of the SDK's runtime (`sdk/src/runtime`); defaults to `sdk/src/runtime` under `outDir`. */
  sdkRuntimeDir?: string;
  /** `false` leaves the typed SDK out (a project without the SDK's runtime to build it on); default true. */
  sdk?: boolean;
  functionPrefix?: string;
  /** Released snapshots (`api-history`) for the docs' Changes section; defaults to `api-history` under `outDir`. */
  historyDir?: string;
  onProgress?: (message: string) => void;
  /**
   * Renders each version's reference page; `redocly build-docs` by default. Tests that do not look
   * at the reference pass a stub instead of spawning Redocly once per version.
   */
  renderReference?: ReferenceRenderer;
}

export interface GeneratedOutput {
  /** Files owned by the generator: rewritten every run, checked by `codegen:check`. */
  files: Map<string, string>;
  /** Hand-written files to create only when absent. */
  scaffolds: Map<string, string>;
  /**
   * What the runtime cannot serve as specified, one line per finding, each naming its operation
   * (`createNote (POST /v1/notes): request body text/plain is not served ...`); the rest is generated.
   */
  warnings: string[];
}

export async function generate(spec: OpenApiDocument, options: GenerateOptions): Promise<GeneratedOutput> {
  const doc = hoistSchemaRefs(normalizeDiscriminatorMappings(spec));
  const progress = options.onProgress ?? (() => {});
  const header = generatedHeader(options.specName);
  const files = new Map<string, string>();
  const scaffolds = new Map<string, string>();

  const operations = collectOperations(doc);
  progress(`${operations.length} operations`);
  const warnings = operations.flatMap((operation) =>
    (operation.requestBody?.warnings ?? []).map(
      (warning) =>
        `${operation.operationId} (${operation.method.toUpperCase()} ${operation.path}): ${warning}`,
    ),
  );

  const types = header + (await emitTypes(doc));
  files.set(layout.types, types);
  progress("types");

  for (const [file, content] of emitValidators(doc, operations)) files.set(file, `${header}${content}\n`);
  for (const operation of operations) {
    const id = operation.operationId;
    files.set(layout.validatorTypes(id), emitValidatorDeclaration(doc, operation, RUNTIME_PACKAGE, header));
    files.set(layout.operation(id), emitOperationModule(doc, operation, RUNTIME_PACKAGE, header));
    scaffolds.set(layout.handlerStub(id), emitHandlerStub(operation, RUNTIME_PACKAGE));
  }
  progress("validators and wrappers");

  files.set(layout.handlers, emitHandlersModule(operations, header, RUNTIME_PACKAGE));
  scaffolds.set(layout.handlerIndex, emitHandlerIndexStub(operations));
  files.set(layout.routes, emitRoutesModule(operations, header));

  const versions = apiVersionsOf(operations);
  for (const version of versions) {
    const definition = emitGatewayDefinition(
      doc,
      version,
      operations.filter((operation) => operation.version === version),
      { functionPrefix: options.functionPrefix ?? "cellar-", generatedFrom: options.specName },
    );
    files.set(layout.gateway(version), `${JSON.stringify(definition, null, 2)}\n`);
  }
  progress(`gateway definitions: ${versions.join(", ")}`);
  const history = readApiHistory(options.historyDir ?? join(options.outDir, "api-history"));
  const docs = await emitDocsSite(doc, operations, {
    specName: options.specName,
    history,
    renderReference: options.renderReference ?? renderWithRedocly,
    sdk: options.sdk !== false,
  });
  for (const [file, content] of docs) files.set(file, content);
  progress("docs");
  const sdkRuntimeDir = options.sdkRuntimeDir ?? join(options.outDir, "sdk/src/runtime");
  const sdkRuntimeFrom = (file: string) =>
    relative(dirname(join(options.outDir, file)), join(sdkRuntimeDir, "index.js")).replace(/\\/g, "/");
  if (options.sdk !== false) {
    for (const [file, content] of emitSdk(doc, operations, {
      header,
      types,
      runtimeImport: sdkRuntimeFrom,
    })) {
      files.set(file, content);
    }
  }
  progress(options.sdk === false ? "no SDK (no SDK runtime)" : "SDK");
  return { files, scaffolds, warnings };
}
