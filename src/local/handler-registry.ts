import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";

export type LambdaHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/**
 * Keyed by operationId, i.e. the Lambda function name without its `cellar-` prefix. Written as a mapped
 * type so the generated `Handlers` interface (which has no index signature) is accepted as it is.
 */
export type HandlerRegistry<H = Record<string, LambdaHandler>> = { readonly [K in keyof H]: LambdaHandler };

/** Own properties only, so a function name like `cellar-toString` cannot reach `Object.prototype`. */
export function findHandler(registry: object, key: string): LambdaHandler | undefined {
  if (!Object.hasOwn(registry, key)) return undefined;
  const candidate: unknown = (registry as Record<string, unknown>)[key];
  return typeof candidate === "function" ? (candidate as LambdaHandler) : undefined;
}
