import { GetDeploymentCommand } from "@aws-sdk/client-codedeploy";
import { GetParameterCommand, PutParameterCommand } from "@aws-sdk/client-ssm";
import { describe, expect, it } from "vitest";
import { runGateHook } from "../../release/gate/gate-hook.js";
import { gateParameters, UNRELEASED_ID } from "../../release/gate/gate-parameters.js";
import type { HookEvent } from "../../release/testing/codedeploy-stand-in.js";
import { useAwsStandIn } from "./aws-clients.harness.js";
import { APP, startGatedDeployment } from "./gate.harness.js";

const region = "eu-west-1";
const aws = useAwsStandIn();
const { clients } = aws;

const readParameter = async (name: string) =>
  (await clients.ssm(region).send(new GetParameterCommand({ Name: name }))).Parameter?.Value;

const putVerdict = (releaseId: string, value: string) =>
  clients
    .ssm(region)
    .send(
      new PutParameterCommand({ Name: gateParameters(APP, releaseId).verdict, Value: value, Type: "String" }),
    );

const deploymentStatus = async (deploymentId: string) =>
  (await clients.codeDeploy(region).send(new GetDeploymentCommand({ deploymentId }))).deploymentInfo;

/** A hook whose first poll interval is where the release command writes `verdict`; later polls fail the test. */
function verdictOnFirstPoll(releaseId: string, verdict: string) {
  const seen: { waiting?: string; polls: number } = { polls: 0 };
  const wait = async () => {
    seen.polls += 1;
    if (seen.polls > 1) throw new Error("the hook polled again after the verdict was written");
    seen.waiting = await readParameter(gateParameters(APP, releaseId).waiting);
    await putVerdict(releaseId, verdict);
  };
  return { seen, wait };
}

describe("runGateHook, the BeforeAllowTraffic hook, against CodeDeploy and SSM", () => {
  it("marks the release waiting with the deployment id, then reports a passed verdict: traffic shifts", async () => {
    const { seen, wait } = verdictOnFirstPoll("r-passed", "passed");
    const run = startGatedDeployment(aws.standIn, clients, { region, releaseId: "r-passed", wait });

    expect(await run.hook).toEqual({ passed: true });
    expect(await run.outcome).toMatchObject({ status: "Succeeded", rolledBack: false });
    // `waiting` was there while the hook polled, naming the deployment CodeDeploy runs.
    expect(seen.waiting).toBe(run.deploymentId);
    expect(seen.polls).toBe(1);
    expect(run.weights).toEqual([0.1, 1]);
    expect((await deploymentStatus(run.deploymentId))?.status).toBe("Succeeded");
  });

  it("reports a failed verdict as Failed: the deployment fails and traffic never moves", async () => {
    const { wait } = verdictOnFirstPoll("r-failed", "failed: 3 of 40 contract checks failed");
    const run = startGatedDeployment(aws.standIn, clients, { region, releaseId: "r-failed", wait });

    expect(await run.hook).toEqual({ passed: false, reason: "3 of 40 contract checks failed" });
    expect(await run.outcome).toMatchObject({
      status: "Failed",
      failedAt: "BeforeAllowTraffic",
      reason: "The BeforeAllowTraffic hook reported Failed.",
    });
    expect(run.weights).toEqual([]);
    expect(await deploymentStatus(run.deploymentId)).toMatchObject({
      status: "Failed",
      errorInformation: { code: "HOOK_EXECUTION_FAILURE" },
    });
  });

  it("reads a verdict written before it asked without waiting at all", async () => {
    await putVerdict("r-early", "passed");
    const run = startGatedDeployment(aws.standIn, clients, {
      region,
      releaseId: "r-early",
      wait: async () => {
        throw new Error("the hook waited although the verdict was there");
      },
    });
    expect(await run.hook).toEqual({ passed: true });
    expect((await run.outcome).status).toBe("Succeeded");
  });

  it("fails an unreleased deploy at once, without reading or writing SSM", async () => {
    const ssmCalls: string[] = [];
    const ssm = clients.ssm("us-west-2");
    ssm.middlewareStack.add(
      (next, context) => (args) => {
        ssmCalls.push(String(context.commandName));
        return next(args);
      },
      { step: "initialize", name: "countSsmCalls" },
    );
    let hook!: Promise<unknown>;
    const run = aws.standIn.codeDeploy.startLambdaDeployment({
      region: "us-west-2",
      applicationName: "cellar-us-west-2",
      deploymentGroupName: "pingV1",
      functionName: "cellar-pingV1",
      alias: "v1",
      currentVersion: "1",
      targetVersion: "2",
      trafficShifting: "ALL_AT_ONCE",
      beforeAllowTraffic: async (event: HookEvent) => {
        hook = runGateHook(
          event,
          { app: APP, releaseId: UNRELEASED_ID, pollMs: 50, remainingMs: () => 60_000 },
          {
            ssm,
            codeDeploy: clients.codeDeploy("us-west-2"),
            wait: async () => {
              throw new Error("an unreleased deploy waited for a verdict");
            },
            log: () => {},
          },
        );
        await hook;
      },
      shiftTraffic: () => {
        throw new Error("an unreleased deploy moved traffic");
      },
    });

    expect(await run.outcome).toMatchObject({ status: "Failed", failedAt: "BeforeAllowTraffic" });
    expect(await hook).toMatchObject({ passed: false, reason: expect.stringContaining("npm run deploy") });
    expect(ssmCalls).toEqual([]);
  });

  it("reports Failed itself once its deadline is near, before CodeDeploy would time it out", async () => {
    let remaining = 1_000;
    const waits: number[] = [];
    const run = startGatedDeployment(aws.standIn, clients, {
      region,
      releaseId: "r-silent",
      pollMs: 100,
      remainingMs: () => remaining,
      wait: async (ms) => {
        waits.push(ms);
        remaining -= ms;
      },
    });

    expect(await run.hook).toEqual({
      passed: false,
      reason: "no contract verdict arrived before the hook's deadline",
    });
    expect(await run.outcome).toMatchObject({
      status: "Failed",
      reason: "The BeforeAllowTraffic hook reported Failed.",
    });
    expect(run.weights).toEqual([]);
    // It polled at its interval and never waited past its deadline.
    expect(waits.length).toBeGreaterThan(1);
    expect(waits.every((ms) => ms === 100)).toBe(true);
    expect(remaining).toBeGreaterThanOrEqual(0);
    expect(await readParameter(gateParameters(APP, "r-silent").waiting)).toBe(run.deploymentId);
  });

  it("reads a verdict already written even when its deadline is already near", async () => {
    await putVerdict("r-late", "passed");
    const run = startGatedDeployment(aws.standIn, clients, {
      region,
      releaseId: "r-late",
      pollMs: 100,
      remainingMs: () => 50,
      wait: async () => {
        throw new Error("waited although the verdict was there");
      },
    });
    expect(await run.hook).toEqual({ passed: true });
    expect(await run.outcome).toMatchObject({ status: "Succeeded" });
  });
});
