import { emitSdkClient } from "./emit-sdk-client.js";
import type { OperationModel } from "./operations.js";
import type { OpenApiDocument } from "./spec.js";

/** Where the SDK's generated files live, relative to the output root. */
export const sdkLayout = {
  types: "sdk/src/generated/types.gen.ts",
  client: (version: string) => `sdk/src/generated/${version}.gen.ts`,
};

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
  const files = new Map<string, string>([[sdkLayout.types, options.types]]);
  const versions = [...new Set(operations.map((operation) => operation.version))].sort();
  for (const version of versions) {
    const file = sdkLayout.client(version);
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
