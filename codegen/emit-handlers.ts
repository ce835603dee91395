import { kebabCase, pascalCase } from "./naming.js";
import { isSecured, type OperationModel } from "./operations.js";

/**
 * The registry of every operation's Lambda handler. It imports each hand-written handler file, so a
 * missing file, a missing `handler` export or a handler wired to another operation fails `tsc`.
 */
export function emitHandlersModule(
  operations: OperationModel[],
  header: string,
  defineOperationImport: string,
): string {
  const imports = operations
    .map(
      (op) =>
        `import { handler as ${op.operationId} } from "../handlers/${kebabCase(op.operationId)}.handler.js";`,
    )
    .join("\n");
  const implementationImports = operations
    .map(
      (op) =>
        `import type { ${pascalCase(op.operationId)}Implementation } from "./operations/${op.operationId}.gen.js";`,
    )
    .join("\n");
  const ids = operations.map((op) => `  | "${op.operationId}"`).join("\n");
  const handlersType = operations
    .map((op) => `  ${op.operationId}: OperationHandler<"${op.operationId}">;`)
    .join("\n");
  const implementationsType = operations
    .map((op) => `  ${op.operationId}: ${pascalCase(op.operationId)}Implementation;`)
    .join("\n");
  return `${header}import type { OperationHandler } from "${defineOperationImport}";
${implementationImports}
${imports}

export type OperationId =
${ids};

/** One Lambda proxy handler per operationId; leaving one out is a compile error. */
export interface Handlers {
${handlersType}
}

/** The implementation signature of every operation, keyed by operationId. */
export interface Implementations {
${implementationsType}
}

export const handlers: Handlers = {
${operations.map((op) => `  ${op.operationId},`).join("\n")}
};
`;
}

export function emitRoutesModule(operations: OperationModel[], header: string): string {
  const routes = operations.map((op) => ({
    operationId: op.operationId,
    method: op.method.toUpperCase(),
    path: op.path,
    version: op.version,
    relativePath: op.relativePath,
    secured: isSecured(op),
    groups: op.groups,
  }));
  return `${header}export interface Route {
  operationId: string;
  method: string;
  path: string;
  version: string;
  relativePath: string;
  secured: boolean;
  groups: readonly string[];
}

export const routes: readonly Route[] = ${JSON.stringify(routes, null, 2)};
`;
}
