import { kebabCase } from "./naming.js";
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

/**
 * A first version of the hand-written handler registry, scaffolded once like the handlers. It is
 * hand-written code importing generated code (never the reverse); the generated \`Handlers\` type it
 * is annotated with makes \`tsc\` name any operation added to the spec later and missing here.
 */
export function emitHandlerIndexStub(operations: OperationModel[]): string {
  const imports = operations
    .map((op) => `import { handler as ${op.operationId} } from "./${kebabCase(op.operationId)}.handler.js";`)
    .join("\n");
  return `import type { Handlers } from "../generated/handlers.gen.js";
${imports}

/** Every operation's Lambda handler, keyed by operationId; checked against the spec by its type. */
export const handlers: Handlers = {
${operations.map((op) => `  ${op.operationId},`).join("\n")}
};
`;
}
