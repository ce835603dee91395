import { GetParameterCommand, ParameterNotFound, PutParameterCommand } from "@aws-sdk/client-ssm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  formatVerdict,
  type GateVerdict,
  gateParameters,
  parseVerdict,
} from "../../release/gate/gate-parameters.js";
import { type AwsJsonStandIn, startAwsJsonStandIn } from "../../release/testing/aws-json-stand-in.js";
import type { HookEvent } from "../../release/testing/codedeploy-stand-in.js";
import { AwsClients, deferred } from "./aws-clients.harness.js";

let standIn: AwsJsonStandIn;
const clients = new AwsClients(() => standIn.endpoint);

beforeAll(async () => {
  standIn = await startAwsJsonStandIn();
});
afterAll(async () => {
  clients.destroy();
  await standIn.close();
});

/**
 * The gate's protocol as release/gate/gate-parameters.ts describes it, played by a stand-in hook:
 * mark the release as waiting, poll for the verdict, report it. `nextPoll` replaces the poll interval.
 */
async function gateHook(region: string, releaseId: string, event: HookEvent, nextPoll: () => Promise<void>) {
  const ssm = clients.ssm(region);
  const names = gateParameters("cellar", releaseId);
  await ssm.send(new PutParameterCommand({ Name: names.waiting, Value: event.DeploymentId, Type: "String" }));
  let verdict: GateVerdict | undefined;
  while (!verdict) {
    try {
      verdict = parseVerdict(
        (await ssm.send(new GetParameterCommand({ Name: names.verdict }))).Parameter?.Value,
      );
    } catch (error) {
      if (!(error instanceof ParameterNotFound)) throw error;
      await nextPoll();
    }
  }
  await clients.report(region, event, verdict.passed ? "Succeeded" : "Failed");
}

/** One region's release: the deployment runs while the test, as the release command, writes the verdict. */
function releaseIn(region: string, releaseId: string) {
  const polling = deferred();
  const pollAgain = deferred();
  const weights: number[] = [];
  const run = standIn.codeDeploy.startLambdaDeployment({
    region,
    applicationName: "cellar",
    deploymentGroupName: "cellar-pingV1-live",
    functionName: "cellar-pingV1",
    alias: "live",
    currentVersion: "7",
    targetVersion: "8",
    trafficShifting: "CANARY_10PERCENT_5MINUTES",
    beforeAllowTraffic: (event) =>
      gateHook(region, releaseId, event, () => {
        polling.resolve();
        return pollAgain.promise;
      }),
    shiftTraffic: (weight) => {
      weights.push(weight);
    },
  });
  return {
    run,
    weights,
    async decide(verdict: GateVerdict) {
      await polling.promise;
      await clients.ssm(region).send(
        new PutParameterCommand({
          Name: gateParameters("cellar", releaseId).verdict,
          Value: formatVerdict(verdict),
          Type: "String",
        }),
      );
      pollAgain.resolve();
    },
  };
}

describe("a release rehearsed against the stand-ins", () => {
  it("ships where the contract suite passed and holds back where it failed, region by region", async () => {
    const europe = releaseIn("eu-west-1", "r-2026-12-02");
    const america = releaseIn("us-east-1", "r-2026-12-02");

    await europe.decide({ passed: true });
    await america.decide({ passed: false, reason: "GET /wines answered 500" });

    expect(await europe.run.outcome).toMatchObject({ status: "Succeeded" });
    expect(europe.weights).toEqual([0.1, 1]);
    expect(await america.run.outcome).toMatchObject({ status: "Failed", failedAt: "BeforeAllowTraffic" });
    expect(america.weights).toEqual([]);

    const waiting = gateParameters("cellar", "r-2026-12-02").waiting;
    expect(standIn.ssm.value("eu-west-1", waiting)).toBe(europe.run.deploymentId);
    expect(standIn.ssm.value("us-east-1", waiting)).toBe(america.run.deploymentId);
  });
});
