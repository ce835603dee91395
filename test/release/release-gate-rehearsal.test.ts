import { describe, expect, it } from "vitest";
import { gateParameters } from "../../release/gate/gate-parameters.js";
import { runGate, type SuiteSummary } from "../../release/gate/gate-runner.js";
import { useAwsStandIn } from "./aws-clients.harness.js";
import { APP, nextTurn, startGatedDeployment, suiteResult } from "./gate.harness.js";

const aws = useAwsStandIn();
const { clients } = aws;

/**
 * One region's release through the shipped gate: a CodeDeploy deployment whose BeforeAllowTraffic
 * hook is `runGateHook`, and `runGate` as the release command, running `suite` on the candidate.
 */
async function releaseIn(region: string, releaseId: string, suite: SuiteSummary) {
  const run = startGatedDeployment(aws.standIn, clients, { region, releaseId });
  let suiteRuns = 0;
  const gate = runGate({
    ssm: clients.ssm(region),
    app: APP,
    releaseId,
    deployment: run.outcome,
    testCandidate: async () => {
      suiteRuns += 1;
      return suite;
    },
    wait: nextTurn,
    pollMs: 50,
    log: () => {},
  });
  const [outcome, gated, hook] = await Promise.all([run.outcome, gate, run.hook]);
  return { deploymentId: run.deploymentId, outcome, gated, hook, weights: run.weights, suiteRuns };
}

describe("a release rehearsed against the stand-ins", () => {
  it("ships where the contract suite passed and holds back where it failed, region by region", async () => {
    const [europe, america] = await Promise.all([
      releaseIn("eu-west-1", "r-2026-12-02", suiteResult(0)),
      releaseIn("us-east-1", "r-2026-12-02", suiteResult(1, 40)),
    ]);

    expect(europe.gated).toMatchObject({ kind: "judged", verdict: { passed: true } });
    expect(europe.hook).toEqual({ passed: true });
    expect(europe.outcome).toMatchObject({ status: "Succeeded" });
    expect(europe.weights).toEqual([0.1, 1]);

    const reason = "1 of 40 contract checks failed on the preview stages";
    expect(america.gated).toMatchObject({ kind: "judged", verdict: { passed: false, reason } });
    expect(america.hook).toEqual({ passed: false, reason });
    expect(america.outcome).toMatchObject({ status: "Failed", failedAt: "BeforeAllowTraffic" });
    expect(america.weights).toEqual([]);

    // One suite run per region; the same release id kept apart by region.
    expect([europe.suiteRuns, america.suiteRuns]).toEqual([1, 1]);
    const names = gateParameters(APP, "r-2026-12-02");
    expect(aws.standIn.ssm.value("eu-west-1", names.waiting)).toBe(europe.deploymentId);
    expect(aws.standIn.ssm.value("us-east-1", names.waiting)).toBe(america.deploymentId);
    expect(aws.standIn.ssm.value("eu-west-1", names.verdict)).toBe("passed");
    expect(aws.standIn.ssm.value("us-east-1", names.verdict)).toBe(`failed: ${reason}`);
  });
});
