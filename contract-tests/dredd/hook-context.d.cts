// Types for hook-context.cjs: what the CLI passes to the Dredd hooks.

export interface HookContext {
  tokens: { admin: string; user: string };
  /** Path parameter values: `default` for every operation, overridden per operationId. */
  pathParams: Record<string, Record<string, string>>;
  /** Query parameters to set, per operationId. */
  query: Record<string, Record<string, string>>;
  /** Query parameters to remove from every request (a foreign example cursor is a 400). */
  dropQuery: string[];
  /** Members merged into the example request body (into each row of an array body), per operationId. */
  body: Record<string, Record<string, unknown>>;
  idempotencyKeyPrefix: string;
  /** Sent as `x-api-key` to operations that require a partner key. */
  apiKey?: string;
}

export declare const CONTEXT_ENV: string;
export declare function readHookContext(env?: NodeJS.ProcessEnv): HookContext;
