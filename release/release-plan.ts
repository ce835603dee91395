import { previewEndpoint, regionalEndpoint } from "../src/topology/topology.js";
import type { RegionRelease } from "./release-region.js";

/** The stacks and endpoints a release walks through, in order: shared stacks first, then regions, home first, then the final stacks. */
export interface ReleasePlan {
  releaseId: string;
  sharedStacks: string[];
  regions: Array<{ region: string; stack: string; liveEndpoint: string; previewEndpoint: string }>;
  /** Deployed once every region is released: they read the regions' outputs (health check alarms). */
  finalStacks: string[];
}

export function releasePlan(input: {
  stackPrefix: string;
  regions: readonly string[];
  apiDomainName: string;
  releaseId: string;
}): ReleasePlan {
  return {
    releaseId: input.releaseId,
    sharedStacks: [`${input.stackPrefix}-Identity`, `${input.stackPrefix}-Site`],
    regions: input.regions.map((region) => ({
      region,
      stack: `${input.stackPrefix}-${region}`,
      liveEndpoint: regionalEndpoint(input.apiDomainName, region),
      previewEndpoint: previewEndpoint(input.apiDomainName, region),
    })),
    finalStacks: [`${input.stackPrefix}-HealthAlarms`],
  };
}

/** A release id CloudFormation, SSM parameter names and humans all accept: `2026-12-02T13-10-05-<commit>`. */
export function newReleaseId(now: Date, commit: string | undefined): string {
  const stamp = now.toISOString().slice(0, 19).replaceAll(":", "-");
  return commit ? `${stamp}-${commit.slice(0, 12)}` : stamp;
}

/**
 * Regions one after another: a region is released only if every region before it was. A refused
 * candidate is rolled back where it was refused and never reaches the regions after it; the regions
 * before it keep the release (they passed the same gate), which the summary says.
 */
export async function releaseRegionsInOrder(
  regions: readonly string[],
  release: (region: string) => Promise<RegionRelease>,
): Promise<{ results: RegionRelease[]; untouched: string[] }> {
  const results: RegionRelease[] = [];
  for (const [index, region] of regions.entries()) {
    const result = await release(region);
    results.push(result);
    if (result.status !== "released") return { results, untouched: regions.slice(index + 1) };
  }
  return { results, untouched: [] };
}

export function formatReleaseSummary(
  releaseId: string,
  results: readonly RegionRelease[],
  untouched: readonly string[],
): string[] {
  const lines = results.map((result) => `  ${result.region}: ${describeRegion(result)}`);
  for (const region of untouched) lines.push(`  ${region}: not released (an earlier region did not pass)`);
  const ok = results.every((result) => result.status === "released") && untouched.length === 0;
  return [`release ${releaseId}: ${ok ? "released in every region" : "stopped"}`, ...lines];
}

function describeRegion(result: RegionRelease): string {
  if (result.status === "released")
    return `released; live contract suite ${result.live.checks} checks passed`;
  if (result.status === "rolled-back") return `ROLLED BACK (${result.reason})`;
  return `released, but the live contract suite failed ${result.live.failed} of ${result.live.checks} checks`;
}
