import { GetDeploymentCommand, StopDeploymentCommand } from "@aws-sdk/client-codedeploy";
import { describe, expect, it } from "vitest";
import type { HookEvent, LambdaDeploymentInput } from "../../release/testing/codedeploy-stand-in.js";
import { deferred, rejectionOf, useAwsStandIn } from "./aws-clients.harness.js";

const region = "eu-west-1";
const aws = useAwsStandIn();
const { clients } = aws;

/** A deployment of `cellar-pingV1` whose alias moves, bake waits and alarms are recorded by the test. */
function rehearsal(overrides: Partial<LambdaDeploymentInput> = {}) {
  const weights: number[] = [];
  const waits: number[] = [];
  const inAlarm: string[] = [];
  const input: LambdaDeploymentInput = {
    region,
    applicationName: "cellar",
    deploymentGroupName: "cellar-pingV1-live",
    functionName: "cellar-pingV1",
    alias: "live",
    currentVersion: "7",
    targetVersion: "8",
    trafficShifting: "CANARY_10PERCENT_5MINUTES",
    beforeAllowTraffic: (event) => reportLater(event, "Succeeded"),
    shiftTraffic: (weight) => {
      weights.push(weight);
    },
    alarmsInAlarm: () => [...inAlarm],
    wait: async (ms) => {
      waits.push(ms);
    },
    ...overrides,
  };
  const started = aws.standIn.codeDeploy.startLambdaDeployment(input);
  return { ...started, weights, waits, inAlarm };
}

/** The hook answers through the real SDK, as the release gate Lambda does. */
async function reportLater(event: HookEvent, status: "Succeeded" | "Failed"): Promise<void> {
  await clients.report(region, event, status);
}

const describeDeployment = async (deploymentId: string) =>
  (await clients.codeDeploy(region).send(new GetDeploymentCommand({ deploymentId }))).deploymentInfo!;

describe("a BeforeAllowTraffic hook that reports Succeeded", () => {
  it("shifts a 10% canary, bakes five minutes, then shifts the rest", async () => {
    let weightsWhenHookRan: number[] | undefined;
    const run = rehearsal({
      beforeAllowTraffic: async (event) => {
        weightsWhenHookRan = [...run.weights];
        await reportLater(event, "Succeeded");
      },
    });
    expect(await run.outcome).toEqual({
      deploymentId: run.deploymentId,
      status: "Succeeded",
      rolledBack: false,
    });
    expect(weightsWhenHookRan).toEqual([]);
    expect(run.weights).toEqual([0.1, 1]);
    expect(run.waits).toEqual([300_000]);

    const info = await describeDeployment(run.deploymentId);
    expect(info).toMatchObject({
      deploymentId: run.deploymentId,
      applicationName: "cellar",
      deploymentGroupName: "cellar-pingV1-live",
      deploymentConfigName: "CodeDeployDefault.LambdaCanary10Percent5Minutes",
      status: "Succeeded",
      computePlatform: "Lambda",
      creator: "user",
    });
    expect(info.rollbackInfo).toBeUndefined();
    expect(info.errorInformation).toBeUndefined();
    expect(info.completeTime).toBeInstanceOf(Date);
  });

  it("shows InProgress while the hook has not reported", async () => {
    const invoked = deferred<HookEvent>();
    const run = rehearsal({ beforeAllowTraffic: async (event) => invoked.resolve(event) });
    const event = await invoked.promise;
    expect((await describeDeployment(run.deploymentId)).status).toBe("InProgress");
    await clients.report(region, event, "Succeeded");
    expect((await run.outcome).status).toBe("Succeeded");
  });

  it("shifts linear steps, checking alarms before each one", async () => {
    const run = rehearsal({ trafficShifting: "LINEAR_10PERCENT_EVERY_1MINUTES" });
    expect((await run.outcome).status).toBe("Succeeded");
    expect(run.weights).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(run.waits).toEqual(Array(9).fill(60_000));
    expect((await describeDeployment(run.deploymentId)).deploymentConfigName).toBe(
      "CodeDeployDefault.LambdaLinear10PercentEvery1Minute",
    );
  });

  it("shifts a custom linear configuration whose last step is the remainder", async () => {
    const run = rehearsal({ trafficShifting: "LINEAR_30PERCENT_EVERY_2MINUTES" });
    expect((await run.outcome).status).toBe("Succeeded");
    expect(run.weights).toEqual([0.3, 0.6, 0.9, 1]);
    expect(run.waits).toEqual([120_000, 120_000, 120_000]);
  });

  it("shifts everything at once without baking", async () => {
    const run = rehearsal({ trafficShifting: "ALL_AT_ONCE" });
    expect((await run.outcome).status).toBe("Succeeded");
    expect(run.weights).toEqual([1]);
    expect(run.waits).toEqual([]);
  });

  it("runs with no hooks at all, as an AppSpec without a hooks section does", async () => {
    const run = rehearsal({ beforeAllowTraffic: undefined });
    expect((await run.outcome).status).toBe("Succeeded");
    expect(run.weights).toEqual([0.1, 1]);
  });
});

describe("a BeforeAllowTraffic hook that reports Failed", () => {
  it("fails the deployment without moving the alias, and records the rollback", async () => {
    const run = rehearsal({ beforeAllowTraffic: (event) => reportLater(event, "Failed") });
    expect(await run.outcome).toMatchObject({
      deploymentId: run.deploymentId,
      status: "Failed",
      rolledBack: true,
      failedAt: "BeforeAllowTraffic",
    });
    expect(run.weights).toEqual([]);
    expect(run.waits).toEqual([]);

    const info = await describeDeployment(run.deploymentId);
    expect(info.status).toBe("Failed");
    expect(info.errorInformation?.code).toBe("HOOK_EXECUTION_FAILURE");
    const rollbackId = info.rollbackInfo?.rollbackDeploymentId;
    expect(rollbackId).toMatch(/^d-[A-Z0-9]{9}$/);
    expect(await describeDeployment(rollbackId!)).toMatchObject({
      status: "Succeeded",
      creator: "codeDeployRollback",
      rollbackInfo: { rollbackTriggeringDeploymentId: run.deploymentId },
    });
  });
});

describe("alarms", () => {
  it("stops a canary whose alarm goes off during the bake and puts all traffic back", async () => {
    const run = rehearsal({
      shiftTraffic: (weight) => {
        run.weights.push(weight);
        // The canary's errors trip the group's alarm while it bakes.
        if (weight === 0.1) run.inAlarm.push("cellar-pingV1-errors");
      },
    });
    expect(await run.outcome).toMatchObject({
      status: "Stopped",
      rolledBack: true,
      failedAt: "AllowTraffic",
    });
    expect(run.weights).toEqual([0.1, 0]);

    const info = await describeDeployment(run.deploymentId);
    expect(info.status).toBe("Stopped");
    expect(info.errorInformation?.code).toBe("ALARM_ACTIVE");
    expect(info.errorInformation?.message).toContain("cellar-pingV1-errors");
    expect(info.rollbackInfo?.rollbackDeploymentId).toBeDefined();
  });

  it("stops a linear deployment at the step where the alarm is found", async () => {
    const run = rehearsal({
      trafficShifting: "LINEAR_10PERCENT_EVERY_1MINUTES",
      wait: async (ms) => {
        run.waits.push(ms);
        if (run.waits.length === 3) run.inAlarm.push("cellar-pingV1-latency");
      },
    });
    expect(await run.outcome).toMatchObject({ status: "Stopped", rolledBack: true });
    expect(run.weights).toEqual([0.1, 0.2, 0.3, 0]);
  });

  it("stops when the alarm goes off after the last shift, before AfterAllowTraffic", async () => {
    let afterHookInvoked = false;
    const run = rehearsal({
      trafficShifting: "ALL_AT_ONCE",
      shiftTraffic: (weight) => {
        run.weights.push(weight);
        if (weight === 1) run.inAlarm.push("cellar-pingV1-errors");
      },
      afterAllowTraffic: async () => {
        afterHookInvoked = true;
      },
    });
    expect(await run.outcome).toMatchObject({ status: "Stopped", failedAt: "AllowTraffic" });
    expect(run.weights).toEqual([1, 0]);
    expect(afterHookInvoked).toBe(false);
  });
});

describe("a failing AfterAllowTraffic hook", () => {
  it("fails after full traffic and shifts it all back", async () => {
    const run = rehearsal({ afterAllowTraffic: (event) => reportLater(event, "Failed") });
    expect(await run.outcome).toMatchObject({
      status: "Failed",
      rolledBack: true,
      failedAt: "AfterAllowTraffic",
    });
    expect(run.weights).toEqual([0.1, 1, 0]);
  });
});

describe("StopDeployment", () => {
  it("stops a baking canary and, with autoRollbackEnabled, puts the traffic back", async () => {
    const baking = deferred();
    const run = rehearsal({
      wait: (ms) => {
        run.waits.push(ms);
        baking.resolve();
        // A five-minute bake that never ends by itself: only the stop can move the deployment on.
        return new Promise(() => {});
      },
    });
    await baking.promise;
    const stop = await clients
      .codeDeploy(region)
      .send(new StopDeploymentCommand({ deploymentId: run.deploymentId, autoRollbackEnabled: true }));
    expect(stop.status).toBe("Pending");
    expect(await run.outcome).toMatchObject({
      status: "Stopped",
      rolledBack: true,
      failedAt: "AllowTraffic",
    });
    expect(run.weights).toEqual([0.1, 0]);
    expect((await describeDeployment(run.deploymentId)).errorInformation?.code).toBe("MANUAL_STOP");

    const again = await rejectionOf(
      clients.codeDeploy(region).send(new StopDeploymentCommand({ deploymentId: run.deploymentId })),
    );
    expect(again.name).toBe("DeploymentAlreadyCompletedException");
  });

  it("leaves the alias where it is without autoRollbackEnabled", async () => {
    const invoked = deferred<HookEvent>();
    const run = rehearsal({ beforeAllowTraffic: async (event) => invoked.resolve(event) });
    const event = await invoked.promise;
    await clients.codeDeploy(region).send(new StopDeploymentCommand({ deploymentId: run.deploymentId }));
    expect(await run.outcome).toMatchObject({
      status: "Stopped",
      rolledBack: false,
      failedAt: "BeforeAllowTraffic",
    });
    expect(run.weights).toEqual([]);
    // The stop ended the hook's event; its late report is refused.
    expect((await rejectionOf(clients.report(region, event, "Succeeded"))).name).toBe(
      "LifecycleEventAlreadyCompletedException",
    );
  });
});
