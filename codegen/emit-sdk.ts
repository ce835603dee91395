import { emitSdkClient } from "./emit-sdk-client.js";
import { layout } from "./layout.js";
import { apiVersionsOf, type OperationModel } from "./operations.js";
import type { OpenApiDocument } from "./spec.js";

/**
 * The generated half of `@cellar/sdk`: the spec's types and one typed client per API version, each
 * an entry point of the package (`@cellar/sdk/v1`). The hand-written runtime they import sits in
 * `sdk/src/runtime`.
 */
export function emitSdk(
  doc: OpenApiDocument,
  operations: OperationModel[],
  options: { header: string; types: string; runtimeImport: (file: string) => string },
): Map<string, string> {
  const files = new Map<string, string>([[layout.sdkTypes, options.types]]);
  const versions = apiVersionsOf(operations);
  for (const version of versions) {
    const file = layout.sdkClient(version);
    files.set(
      file,
      emitSdkClient(
        doc,
        version,
        operations.filter((operation) => operation.version === version),
        options.header,
        options.runtimeImport(file),
      ),
    );
  }
  return files;
}
