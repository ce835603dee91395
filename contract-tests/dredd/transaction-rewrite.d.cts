// Types for transaction-rewrite.cjs: how the Dredd hooks point example requests at fixtures.
import type { SpecOperation } from "../lib/openapi-document.cjs";
import type { HookContext } from "./hook-context.cjs";

export interface DreddTransaction {
  request: { method: string; uri: string; headers: Record<string, string>; body: string };
  fullPath: string;
  [key: string]: unknown;
}

export declare function rewriteTransaction(
  transaction: DreddTransaction,
  operation: SpecOperation,
  context: HookContext,
): void;
export declare function rewritePath(
  pathname: string,
  template: string,
  values: Record<string, string>,
): string;
export declare function rewriteQuery(
  search: string,
  drop: readonly string[],
  overrides: Record<string, string>,
): string;
export declare function tokenFor(operation: SpecOperation, tokens: HookContext["tokens"]): string | undefined;
