import type { OperationModel } from "./operations.js";

/** A first version of a hand-written handler: scaffolded once, never overwritten. */
export function emitHandlerStub(operation: OperationModel, runtimeImport: string): string {
  const { operationId } = operation;
  return `import { notImplemented } from "${runtimeImport}";
import { ${operationId} } from "../generated/operations/${operationId}.gen.js";

/** ${operation.method.toUpperCase()} ${operation.path}${operation.summary ? ` — ${operation.summary}` : ""} */
export const handler = ${operationId}(async () => {
  throw notImplemented("${operationId}");
});
`;
}
