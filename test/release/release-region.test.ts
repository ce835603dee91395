import { describe, expect, it } from "vitest";
import type { SuiteSummary } from "../../release/gate/gate-runner.js";
import { type DeployOutcome, releaseRegion } from "../../release/release-region.js";
import { useAwsStandIn } from "./aws-clients.harness.js";
import { APP, nextTurn, startGatedDeployment, suiteResult } from "./gate.harness.js";

const region = "eu-west-1";
const aws = useAwsStandIn();
const { clients } = aws;

/**
 * releaseRegion with a deploy that runs one stand-in CodeDeploy deployment gated by `runGateHook`, as
 * CloudFormation would for a moved live alias. `events` records, in order, when the deploy started and
 * ended, each suite run and each traffic shift.
 */
async function release(releaseId: string, suites: { candidate: SuiteSummary; live: SuiteSummary }) {
  const events: string[] = [];
  let weights: number[] = [];
  const deploy = async (): Promise<DeployOutcome> => {
    events.push("deploy started");
    const run = startGatedDeployment(aws.standIn, clients, {
      region,
      releaseId,
      onShift: (weight) => events.push(`shifted ${weight}`),
    });
    weights = run.weights;
    const outcome = await run.outcome;
    events.push(`deploy ${outcome.status}`);
    return outcome.status === "Succeeded" ? { ok: true } : { ok: false, reason: outcome.reason ?? "?" };
  };
  const result = await releaseRegion({
    region,
    app: APP,
    releaseId,
    ssm: clients.ssm(region),
    deploy,
    testCandidate: async () => {
      events.push("candidate suite");
      return suites.candidate;
    },
    testLive: async () => {
      events.push("live suite");
      return suites.live;
    },
    wait: nextTurn,
    pollMs: 50,
    log: () => {},
  });
  return { result, events, weights };
}

describe("releaseRegion: deploy behind the gate, then the live contract suite", () => {
  it("releases a candidate that passes: traffic moves after the verdict, the live suite runs once after", async () => {
    const { result, events, weights } = await release("r-good", {
      candidate: suiteResult(0),
      live: suiteResult(0),
    });

    expect(result).toEqual({
      region,
      status: "released",
      gate: { kind: "judged", verdict: { passed: true }, summary: suiteResult(0) },
      live: suiteResult(0),
    });
    expect(weights).toEqual([0.1, 1]);
    expect(events).toEqual([
      "deploy started",
      "candidate suite",
      "shifted 0.1",
      "shifted 1",
      "deploy Succeeded",
      "live suite",
    ]);
  });

  it("rolls back a candidate the suite fails: no traffic moves and the live suite never runs", async () => {
    const { result, events, weights } = await release("r-broken", {
      candidate: suiteResult(2, 40),
      live: suiteResult(0),
    });

    expect(result).toMatchObject({
      region,
      status: "rolled-back",
      gate: {
        kind: "judged",
        verdict: { passed: false, reason: "2 of 40 contract checks failed on the preview stages" },
      },
      reason: "The BeforeAllowTraffic hook reported Failed.",
    });
    expect(weights).toEqual([]);
    expect(events).toEqual(["deploy started", "candidate suite", "deploy Failed"]);
  });

  it("reports live-contract-failed when the candidate passed but the live stages do not", async () => {
    const { result, events } = await release("r-live-broken", {
      candidate: suiteResult(0),
      live: suiteResult(1, 40),
    });

    expect(result).toEqual({
      region,
      status: "live-contract-failed",
      gate: { kind: "judged", verdict: { passed: true }, summary: suiteResult(0) },
      live: suiteResult(1, 40),
    });
    expect(events.filter((event) => event.endsWith("suite"))).toEqual(["candidate suite", "live suite"]);
    expect(events.at(-1)).toBe("live suite");
  });

  it("releases a deploy that moves no live alias without judging a candidate", async () => {
    let candidateRuns = 0;
    const result = await releaseRegion({
      region,
      app: APP,
      releaseId: "r-infra-only",
      ssm: clients.ssm(region),
      deploy: async () => ({ ok: true }),
      testCandidate: async () => {
        candidateRuns += 1;
        return suiteResult(0);
      },
      testLive: async () => suiteResult(0),
      wait: nextTurn,
      pollMs: 50,
      log: () => {},
    });
    expect(result).toMatchObject({ status: "released", gate: { kind: "no-hook" } });
    expect(candidateRuns).toBe(0);
  });
});
