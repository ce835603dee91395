import type { APIGatewayProxyResult } from "aws-lambda";
import type { LambdaHandler } from "../../src/local/handler-registry.js";
import type { Build } from "./simulated-deploy.js";

/** The repo's own handlers: what a deploy of this commit ships. */
export function currentBuild(
  name: string,
  handlers: Readonly<Record<string, LambdaHandler>>,
  changed: readonly string[],
): Build {
  return { name, handlers, changed };
}

/**
 * A build whose `operationId` breaks its contract: its 200 bodies lose a required member. The
 * generated wrapper's response check runs inside the handler, so this wraps it from the outside, as a
 * careless edit after the wrapper would.
 */
export function contractBreakingBuild(base: Build, operationId: string, dropMember: string): Build {
  const original = base.handlers[operationId];
  if (!original) throw new Error(`no handler ${operationId} to break`);
  const broken: LambdaHandler = async (event, context) => {
    const result: APIGatewayProxyResult = await original(event, context);
    if (result.statusCode !== 200 || !result.body) return result;
    const body = JSON.parse(result.body) as Record<string, unknown>;
    delete body[dropMember];
    return { ...result, body: JSON.stringify(body) };
  };
  return {
    name: `${base.name}-broken`,
    handlers: { ...base.handlers, [operationId]: broken },
    changed: [operationId],
  };
}
