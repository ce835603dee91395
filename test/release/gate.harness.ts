import { type GateHookSettings, runGateHook } from "../../release/gate/gate-hook.js";
import type { GateVerdict } from "../../release/gate/gate-parameters.js";
import type { SuiteSummary } from "../../release/gate/gate-runner.js";
import type { AwsJsonStandIn } from "../../release/testing/aws-json-stand-in.js";
import type { TrafficShifting } from "../../release/testing/codedeploy-stand-in.js";
import type { AwsClients } from "./aws-clients.harness.js";

export const APP = "cellar";

/** A poll interval for the gate's loops: yields to the event loop once, never to the clock. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** What the contract suite reports: `failed` of `checks` graded exchanges failed. */
export const suiteResult = (failed: number, checks = 40): SuiteSummary => ({
  exitCode: failed === 0 ? 0 : 1,
  checks,
  failed,
});

export interface GatedDeploymentOptions {
  region: string;
  releaseId: string;
  functionName?: string;
  trafficShifting?: TrafficShifting;
  /** The hook's poll interval; default yields once. */
  wait?: (ms: number) => Promise<void>;
  remainingMs?: () => number;
  pollMs?: number;
  /** Called on every traffic shift, as it happens. */
  onShift?: (weight: number) => void;
}

/**
 * A stand-in CodeDeploy deployment of one live alias whose BeforeAllowTraffic hook is the shipped
 * `runGateHook`, talking to the stand-in through the real SSM and CodeDeploy clients. `hook` settles
 * with what the hook returned (or rejects with what it threw), `weights` records every traffic shift.
 */
export function startGatedDeployment(
  standIn: AwsJsonStandIn,
  clients: AwsClients,
  options: GatedDeploymentOptions,
) {
  const weights: number[] = [];
  const settings: GateHookSettings = {
    app: APP,
    releaseId: options.releaseId,
    pollMs: options.pollMs ?? 50,
    remainingMs: options.remainingMs ?? (() => 60_000),
  };
  let hookStarted!: (run: Promise<GateVerdict>) => void;
  const hook = new Promise<GateVerdict>((resolve) => {
    hookStarted = resolve as (run: Promise<GateVerdict>) => void;
  });
  const run = standIn.codeDeploy.startLambdaDeployment({
    region: options.region,
    applicationName: `${APP}-${options.region}`,
    deploymentGroupName: "pingV1",
    functionName: options.functionName ?? `${APP}-pingV1`,
    alias: "v1",
    currentVersion: "7",
    targetVersion: "8",
    trafficShifting: options.trafficShifting ?? "CANARY_10PERCENT_5MINUTES",
    beforeAllowTraffic: async (event) => {
      const running = runGateHook(event, settings, {
        ssm: clients.ssm(options.region),
        codeDeploy: clients.codeDeploy(options.region),
        wait: options.wait ?? nextTurn,
        log: () => {},
      });
      hookStarted(running);
      await running;
    },
    shiftTraffic: (weight) => {
      weights.push(weight);
      options.onShift?.(weight);
    },
  });
  return { ...run, weights, hook };
}
