import { randomBytes, randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";
import { LOCAL_ACCOUNT_ID } from "./proxy-event.js";

/** API Gateway gives up on an integration after 29 seconds, so a handler never gets longer than that. */
export const INTEGRATION_TIMEOUT_MS = 29_000;

export interface LambdaContextInput {
  functionName: string;
  /** The alias the integration URI resolved to, e.g. `v1`. */
  qualifier: string | undefined;
  region: string;
  timeoutMs?: number;
  memoryLimitInMB?: number;
}

function logStreamName(now: Date): string {
  const day = now.toISOString().slice(0, 10).replaceAll("-", "/");
  return `${day}/[$LATEST]${randomBytes(16).toString("hex")}`;
}

function unsupported(name: string): () => never {
  return () => {
    throw new Error(
      `context.${name}() is not supported by the local stage: return a promise from the handler`,
    );
  };
}

export function createLambdaContext(input: LambdaContextInput): Context {
  const deadline = Date.now() + (input.timeoutMs ?? INTEGRATION_TIMEOUT_MS);
  const arn = `arn:aws:lambda:${input.region}:${LOCAL_ACCOUNT_ID}:function:${input.functionName}`;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: input.functionName,
    // Locally the alias points at whatever code is on disk, which Lambda calls $LATEST.
    functionVersion: "$LATEST",
    invokedFunctionArn: input.qualifier ? `${arn}:${input.qualifier}` : arn,
    memoryLimitInMB: String(input.memoryLimitInMB ?? 1024),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${input.functionName}`,
    logStreamName: logStreamName(new Date()),
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported("done"),
    fail: unsupported("fail"),
    succeed: unsupported("succeed"),
  };
}
