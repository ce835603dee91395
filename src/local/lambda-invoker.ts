import type { APIGatewayProxyEvent, Context } from "aws-lambda";
import type { LambdaHandler } from "./handler-registry.js";

export type InvocationResult =
  | { ok: true; value: unknown }
  | { ok: false; reason: "threw"; error: unknown }
  | { ok: false; reason: "timeout" };

/** Runs a handler like API Gateway does: whatever happens, an answer arrives within the integration timeout. */
export async function invokeHandler(
  handler: LambdaHandler,
  event: APIGatewayProxyEvent,
  context: Context,
  timeoutMs: number,
): Promise<InvocationResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<InvocationResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: "timeout" }), timeoutMs);
  });
  // Wrapping in then() also catches handlers that throw synchronously.
  const run = Promise.resolve()
    .then(() => handler(event, context))
    .then(
      (value): InvocationResult => ({ ok: true, value }),
      (error: unknown): InvocationResult => ({ ok: false, reason: "threw", error }),
    );
  try {
    return await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
