// Types for transaction-operation.cjs.
import type { SpecOperation } from "../lib/openapi-document.cjs";

export interface TransactionOrigin {
  name: string;
  origin?: { resourceName?: string };
  request: { method: string };
}

export declare function pathTemplateOf(transaction: TransactionOrigin): string;
export declare function operationOf(
  operations: readonly SpecOperation[],
  transaction: TransactionOrigin,
): SpecOperation | undefined;
