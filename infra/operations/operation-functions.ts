import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Route, routes } from "../../src/generated/routes.gen.js";

export const repoRoot = resolve(import.meta.dirname, "../..");

/** One Lambda function per operation: the gateway definitions integrate `cellar-<operationId>` by name. */
export interface OperationFunction {
  operationId: string;
  /** API version, e.g. `v1`: its REST API, its stage `prod<version>` and its alias `<version>`. */
  version: string;
  method: string;
  path: string;
  /** Bundle and function name suffix, `<name>-<operationId>` once prefixed. */
  handlerFile: string;
}

export function kebabCase(operationId: string): string {
  return operationId.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}

export function operationFunctions(all: readonly Route[] = routes): OperationFunction[] {
  return all.map((route) => {
    const handlerFile = join(repoRoot, "src/handlers", `${kebabCase(route.operationId)}.handler.ts`);
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
  return [...new Set(functions.map((fn) => fn.version))].sort();
}

export const stageName = (version: string): string => `prod${version}`;
export const canaryAlias = (version: string): string => `${version}-canary`;
/** The version whose stage may carry a canary; the issue asks for one on v2 only. */
export const CANARY_VERSION = "v2";
export const MIGRATE_FUNCTION = "migrate";
