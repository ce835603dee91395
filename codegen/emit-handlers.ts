import { pascalCase } from "./naming.js";
import { isSecured, type OperationModel } from "./operations.js";

/**
 * The types a handler registry is checked against: `Handlers` (one Lambda proxy handler per
 * operationId) and `Implementations`. Types only, importing nothing hand-written: the registry
 * itself is hand-written (`src/handlers/index.ts`, scaffolded once by {@link emitHandlerIndexStub})
 * and annotated with `Handlers`, so a missing, misnamed or mis-wired handler still fails `tsc`.
 */
export function emitHandlersModule(
  operations: OperationModel[],
  header: string,
  defineOperationImport: string,
): string {
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

export type OperationId =
${ids};

/**
 * One Lambda proxy handler per operationId. The hand-written registry (\`src/handlers/index.ts\`)
 * is annotated with it: leaving one out, or wiring one to another operation, is a compile error.
 */
export interface Handlers {
${handlersType}
}

/** The implementation signature of every operation, keyed by operationId. */
export interface Implementations {
${implementationsType}
}
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
