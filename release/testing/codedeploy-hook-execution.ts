import { randomBytes } from "node:crypto";
import type { HookEvent } from "./codedeploy-stand-in.js";

/*
 * One run of a lifecycle hook in a Lambda deployment: CodeDeploy invokes the function once, hands it
 * a DeploymentId and a LifecycleEventHookExecutionId, and waits for PutLifecycleEventHookExecutionStatus
 * with Succeeded or Failed (https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-hooks.html#appspec-hooks-lambda).
 */

export type HookName = "BeforeAllowTraffic" | "AfterAllowTraffic";
export type HookResult = "Succeeded" | "Failed" | "TimedOut";

export interface HookExecution {
  id: string;
  lifecycleEvent: HookName;
  status: "Pending" | "Succeeded" | "Failed";
  /** Set once the event has ended; later reports get LifecycleEventAlreadyCompletedException. */
  done: boolean;
  /** Ends the event with this status; does nothing if it has already ended. */
  complete(status: "Succeeded" | "Failed"): void;
}

/**
 * Invokes the hook without awaiting it and returns the execution with a promise of how it ended. The
 * invocation waits a microtask, so the caller can register the execution before the hook can report.
 * A hook that throws is treated as one that never reports: CodeDeploy only sees the missing report.
 */
export function startHookExecution(options: {
  deploymentId: string;
  lifecycleEvent: HookName;
  invoke: (event: HookEvent) => Promise<void>;
  timeoutMs: number;
  /** Pending timeouts, so the stand-in can cancel them when it closes. */
  timers: Set<ReturnType<typeof setTimeout>>;
}): { execution: HookExecution; result: Promise<HookResult> } {
  let settle!: (result: HookResult) => void;
  const result = new Promise<HookResult>((resolve) => {
    settle = resolve;
  });
  const end = (status: HookResult) => {
    if (execution.done) return;
    execution.done = true;
    execution.status = status === "Succeeded" ? "Succeeded" : "Failed";
    clearTimeout(timer);
    options.timers.delete(timer);
    settle(status);
  };
  const execution: HookExecution = {
    // Opaque to the caller, as AWS's long base64 execution ids are.
    id: randomBytes(48).toString("base64"),
    lifecycleEvent: options.lifecycleEvent,
    status: "Pending",
    done: false,
    complete: end,
  };
  const timer = setTimeout(() => end("TimedOut"), options.timeoutMs);
  options.timers.add(timer);
  Promise.resolve()
    .then(() =>
      options.invoke({ DeploymentId: options.deploymentId, LifecycleEventHookExecutionId: execution.id }),
    )
    .catch(() => {
      // Fire and forget: a function that throws simply never reports.
    });
  return { execution, result };
}
