import {
  DeploymentDoesNotExistException,
  DeploymentIdRequiredException,
  GetDeploymentCommand,
  InvalidDeploymentIdException,
  InvalidLifecycleEventHookExecutionIdException,
  InvalidLifecycleEventHookExecutionStatusException,
  LifecycleEventAlreadyCompletedException,
  type LifecycleEventStatus,
  PutLifecycleEventHookExecutionStatusCommand,
} from "@aws-sdk/client-codedeploy";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { HookEvent, LambdaDeploymentInput } from "../../release/testing/codedeploy-stand-in.js";
import { deferred, rejectionOf, useAwsStandIn } from "./aws-clients.harness.js";

const region = "us-east-1";
const aws = useAwsStandIn();
const { clients } = aws;

/** Starts a deployment whose BeforeAllowTraffic hook hands its event to the test and waits there. */
async function pendingDeployment(overrides: Partial<LambdaDeploymentInput> = {}) {
  const invoked = deferred<HookEvent>();
  const weights: number[] = [];
  const started = aws.standIn.codeDeploy.startLambdaDeployment({
    region,
    applicationName: "cellar",
    deploymentGroupName: "cellar-pingV1-live",
    functionName: "cellar-pingV1",
    alias: "live",
    currentVersion: "7",
    targetVersion: "8",
    trafficShifting: "ALL_AT_ONCE",
    beforeAllowTraffic: async (event) => invoked.resolve(event),
    shiftTraffic: (weight) => {
      weights.push(weight);
    },
    ...overrides,
  });
  return { ...started, event: await invoked.promise, weights };
}

const put = (input: { deploymentId?: string; lifecycleEventHookExecutionId?: string; status?: string }) =>
  clients.codeDeploy(region).send(
    new PutLifecycleEventHookExecutionStatusCommand({
      ...input,
      status: input.status as LifecycleEventStatus | undefined,
    }),
  );

describe("PutLifecycleEventHookExecutionStatus errors, as the API reference names them", () => {
  it("answers each documented error with the SDK's named exception, and the hook still completes", async () => {
    const run = await pendingDeployment();
    const other = await pendingDeployment();
    const { DeploymentId: deploymentId, LifecycleEventHookExecutionId: hookId } = run.event;

    const cases: [string, Promise<unknown>, new (...args: never[]) => Error][] = [
      [
        "DeploymentIdRequiredException",
        put({ lifecycleEventHookExecutionId: hookId, status: "Succeeded" }),
        DeploymentIdRequiredException,
      ],
      [
        "InvalidDeploymentIdException",
        put({ deploymentId: "deployment-1", lifecycleEventHookExecutionId: hookId, status: "Succeeded" }),
        InvalidDeploymentIdException,
      ],
      [
        "DeploymentDoesNotExistException",
        put({ deploymentId: "d-AAAAAAAAA", lifecycleEventHookExecutionId: hookId, status: "Succeeded" }),
        DeploymentDoesNotExistException,
      ],
      [
        "InvalidLifecycleEventHookExecutionIdException",
        put({ deploymentId, lifecycleEventHookExecutionId: "not-a-hook-execution", status: "Succeeded" }),
        InvalidLifecycleEventHookExecutionIdException,
      ],
      [
        "InvalidLifecycleEventHookExecutionIdException",
        // A real execution id, but of another deployment.
        put({
          deploymentId,
          lifecycleEventHookExecutionId: other.event.LifecycleEventHookExecutionId,
          status: "Succeeded",
        }),
        InvalidLifecycleEventHookExecutionIdException,
      ],
      [
        "InvalidLifecycleEventHookExecutionStatusException",
        put({ deploymentId, lifecycleEventHookExecutionId: hookId, status: "InProgress" }),
        InvalidLifecycleEventHookExecutionStatusException,
      ],
    ];
    for (const [name, call, type] of cases) {
      const error = await rejectionOf(call);
      expect(error.name, name).toBe(name);
      expect(error, name).toBeInstanceOf(type);
    }
    // None of the refused reports ended the event.
    expect(aws.standIn.codeDeploy.get(deploymentId)?.status).toBe("InProgress");

    expect(
      await put({ deploymentId, lifecycleEventHookExecutionId: hookId, status: "Succeeded" }),
    ).toMatchObject({
      lifecycleEventHookExecutionId: hookId,
    });
    expect((await run.outcome).status).toBe("Succeeded");
    expect(run.weights).toEqual([1]);

    await clients.report(region, other.event, "Failed");
    expect((await other.outcome).status).toBe("Failed");
  });

  it("refuses a second report with LifecycleEventAlreadyCompletedException", async () => {
    const run = await pendingDeployment();
    await clients.report(region, run.event, "Succeeded");
    const error = await rejectionOf(clients.report(region, run.event, "Failed"));
    expect(error.name).toBe("LifecycleEventAlreadyCompletedException");
    expect(error).toBeInstanceOf(LifecycleEventAlreadyCompletedException);
    expect((await run.outcome).status).toBe("Succeeded");
  });

  it("finds a deployment only in its own region", async () => {
    const run = await pendingDeployment();
    const elsewhere = await rejectionOf(
      clients.codeDeploy("us-west-2").send(new GetDeploymentCommand({ deploymentId: run.deploymentId })),
    );
    expect(elsewhere).toBeInstanceOf(DeploymentDoesNotExistException);
    await clients.report(region, run.event, "Succeeded");
    await run.outcome;
  });
});

describe("a hook that never reports", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Advances fake time to just before and then to the timeout, and returns what the outcome did. */
  async function timeOut(timeoutMs: number, hookTimeoutMs?: number) {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const run = await pendingDeployment(hookTimeoutMs === undefined ? {} : { hookTimeoutMs });
    let settled = false;
    void run.outcome.then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(timeoutMs - 1);
    const settledEarly = settled;
    await vi.advanceTimersByTimeAsync(1);
    const outcome = await run.outcome;
    vi.useRealTimers();
    return { run, settledEarly, outcome };
  }

  it("fails the deployment when hookTimeoutMs passes, and refuses the late report", async () => {
    const { run, settledEarly, outcome } = await timeOut(1_000, 1_000);
    expect(settledEarly).toBe(false);
    expect(outcome).toMatchObject({ status: "Failed", failedAt: "BeforeAllowTraffic", rolledBack: true });
    expect(run.weights).toEqual([]);
    const late = await rejectionOf(clients.report(region, run.event, "Succeeded"));
    expect(late.name).toBe("LifecycleEventAlreadyCompletedException");
    const info = (
      await clients.codeDeploy(region).send(new GetDeploymentCommand({ deploymentId: run.deploymentId }))
    ).deploymentInfo;
    expect(info?.status).toBe("Failed");
    expect(info?.errorInformation?.code).toBe("HOOK_EXECUTION_FAILURE");
  });

  it("waits one hour by default, as AWS allows", async () => {
    const { settledEarly, outcome } = await timeOut(3_600_000);
    expect(settledEarly).toBe(false);
    expect(outcome.status).toBe("Failed");
  });

  it("treats a hook that throws like one that never reports", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const thrown = deferred();
    const run = aws.standIn.codeDeploy.startLambdaDeployment({
      region,
      applicationName: "cellar",
      deploymentGroupName: "cellar-pingV1-live",
      functionName: "cellar-pingV1",
      alias: "live",
      currentVersion: "7",
      targetVersion: "8",
      trafficShifting: "ALL_AT_ONCE",
      hookTimeoutMs: 5_000,
      beforeAllowTraffic: async () => {
        thrown.resolve();
        throw new Error("the gate Lambda crashed");
      },
      shiftTraffic: () => {},
    });
    await thrown.promise;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await run.outcome).toMatchObject({ status: "Failed", failedAt: "BeforeAllowTraffic" });
  });
});
