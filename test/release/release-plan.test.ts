import { App, Stack } from "aws-cdk-lib";
import { describe, expect, it } from "vitest";
import { releaseIdOf } from "../../infra/constructs/release-gate.construct.js";
import { RELEASE_ID_CONTEXT } from "../../release/gate/gate-parameters.js";
import {
  formatReleaseSummary,
  newReleaseId,
  releasePlan,
  releaseRegionsInOrder,
} from "../../release/release-plan.js";
import type { RegionRelease } from "../../release/release-region.js";

const live = { exitCode: 0, checks: 184, failed: 0 };
const released = (region: string): RegionRelease => ({
  region,
  status: "released",
  gate: { kind: "no-hook" },
  live,
});
const rolledBack = (region: string): RegionRelease => ({
  region,
  status: "rolled-back",
  gate: { kind: "no-hook" },
  reason: "2 of 184 contract checks failed",
});

describe("release plan", () => {
  it("tests each region's candidate on its preview name and its release on its regional name", () => {
    const plan = releasePlan({
      stackPrefix: "Cellar",
      regions: ["us-east-1", "eu-west-1"],
      apiDomainName: "api.example.com",
      releaseId: "r1",
    });
    expect(plan.sharedStacks).toEqual(["Cellar-Identity", "Cellar-Site"]);
    // Alarms on every region's health checks (us-east-1) read the regions' health check ids.
    expect(plan.finalStacks).toEqual(["Cellar-HealthAlarms"]);
    expect(plan.regions).toEqual([
      {
        region: "us-east-1",
        stack: "Cellar-us-east-1",
        liveEndpoint: "https://us-east-1.api.example.com",
        previewEndpoint: "https://preview.us-east-1.api.example.com",
      },
      {
        region: "eu-west-1",
        stack: "Cellar-eu-west-1",
        liveEndpoint: "https://eu-west-1.api.example.com",
        previewEndpoint: "https://preview.eu-west-1.api.example.com",
      },
    ]);
  });

  it("makes release ids the CDK app accepts as context", () => {
    const id = newReleaseId(new Date("2026-12-02T13:10:05.123Z"), "d54048c0eed0aaaabbbb");
    expect(id).toBe("2026-12-02T13-10-05-d54048c0eed0");
    const scope = new Stack(new App({ context: { [RELEASE_ID_CONTEXT]: id } }), "S");
    expect(releaseIdOf(scope)).toBe(id);
  });

  it("stops at the first region that does not pass and leaves the rest untouched", async () => {
    const asked: string[] = [];
    const { results, untouched } = await releaseRegionsInOrder(
      ["us-east-1", "eu-west-1", "ap-southeast-2"],
      async (region) => {
        asked.push(region);
        return region === "eu-west-1" ? rolledBack(region) : released(region);
      },
    );
    expect(asked).toEqual(["us-east-1", "eu-west-1"]);
    expect(untouched).toEqual(["ap-southeast-2"]);
    expect(formatReleaseSummary("r1", results, untouched)).toEqual([
      "release r1: stopped",
      "  us-east-1: released; live contract suite 184 checks passed",
      "  eu-west-1: ROLLED BACK (2 of 184 contract checks failed)",
      "  ap-southeast-2: not released (an earlier region did not pass)",
    ]);
  });

  it("releases every region in order when each passes", async () => {
    const { results, untouched } = await releaseRegionsInOrder(["us-east-1", "eu-west-1"], async (region) =>
      released(region),
    );
    expect(results.map((result) => result.region)).toEqual(["us-east-1", "eu-west-1"]);
    expect(untouched).toEqual([]);
    expect(formatReleaseSummary("r2", results, untouched)[0]).toBe("release r2: released in every region");
  });
});
