import type { SSMClient } from "@aws-sdk/client-ssm";
import { type GateOutcome, runGate, type SuiteSummary } from "./gate/gate-runner.js";

/** How a region's deploy ended: CloudFormation completed, or rolled back (CodeDeploy refused the candidate). */
export type DeployOutcome = { ok: true } | { ok: false; reason: string };

export interface RegionReleaseInput {
  region: string;
  app: string;
  releaseId: string;
  ssm: SSMClient;
  /** Starts the region's deploy (CloudFormation, which runs CodeDeploy for every moved live alias). */
  deploy: () => Promise<DeployOutcome>;
  testCandidate: () => Promise<SuiteSummary>;
  testLive: () => Promise<SuiteSummary>;
  wait: (ms: number) => Promise<void>;
  pollMs: number;
  log: (line: string) => void;
}

export type RegionRelease =
  | { region: string; status: "released"; gate: GateOutcome; live: SuiteSummary }
  | { region: string; status: "rolled-back"; gate: GateOutcome; reason: string }
  | { region: string; status: "live-contract-failed"; gate: GateOutcome; live: SuiteSummary };

/**
 * One region of a release: deploy, gate the candidate on the preview stages (the hooks hold every live
 * alias until the verdict), then run the contract suite against the region's own live endpoint.
 */
export async function releaseRegion(input: RegionReleaseInput): Promise<RegionRelease> {
  const log = (line: string) => input.log(`${input.region}: ${line}`);
  log("deploying");
  const deployment = input.deploy();
  const gate = await runGate({ ...input, deployment, log });
  const outcome = await deployment;
  if (!outcome.ok) {
    log(`rolled back: ${outcome.reason}`);
    return { region: input.region, status: "rolled-back", gate, reason: outcome.reason };
  }
  log(gate.kind === "no-hook" ? "deployed (no live alias moved)" : "deployed and promoted");
  const live = await input.testLive();
  log(`contract suite on the live stages: ${live.checks} checks, ${live.failed} failed`);
  return live.exitCode === 0
    ? { region: input.region, status: "released", gate, live }
    : { region: input.region, status: "live-contract-failed", gate, live };
}
