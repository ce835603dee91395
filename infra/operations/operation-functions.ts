import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { layout } from "../../codegen/layout.js";
import { apiVersionsOf } from "../../codegen/operations.js";
import { type Route, routes } from "../../src/generated/routes.gen.js";

export const repoRoot = resolve(import.meta.dirname, "../..");

/** One Lambda function per operation: the gateway definitions integrate `<app>-<operationId>` by name. */
export interface OperationFunction {
  operationId: string;
  /** API version, e.g. `v1`: its REST API, its stages and its aliases (see src/topology/topology.ts). */
  version: string;
  method: string;
  path: string;
  /** The hand-written handler, where codegen scaffolded it (`layout.handlerStub`). */
  handlerFile: string;
}

/** The handler file of an operation, by the rule codegen scaffolds it with. */
export const handlerFileFor = (operationId: string): string =>
  join(repoRoot, layout.handlerStub(operationId));

export function operationFunctions(all: readonly Route[] = routes): OperationFunction[] {
  return all.map((route) => {
    const handlerFile = handlerFileFor(route.operationId);
    if (!existsSync(handlerFile)) {
      throw new Error(`No handler for ${route.operationId}: expected ${handlerFile} (run npm run codegen)`);
    }
    return {
      operationId: route.operationId,
      version: route.version,
      method: route.method,
      path: route.path,
      handlerFile,
    };
  });
}

export function apiVersions(functions: readonly OperationFunction[]): string[] {
  return apiVersionsOf(functions);
}

/** Bundle names (and function name suffixes) of the functions that are not operations. */
export const MIGRATE_FUNCTION = "migrate";
export const RELEASE_GATE_FUNCTION = "release-gate";
