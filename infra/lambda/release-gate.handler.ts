import { setTimeout as delay } from "node:timers/promises";
import { CodeDeployClient } from "@aws-sdk/client-codedeploy";
import { SSMClient } from "@aws-sdk/client-ssm";
import type { Context } from "aws-lambda";
import { type LifecycleHookEvent, runGateHook } from "../../release/gate/gate-hook.js";
import { GATE_ENV, UNRELEASED_ID } from "../../release/gate/gate-parameters.js";

// Clients live outside the handler so a warm container reuses their connections.
const ssm = new SSMClient({});
const codeDeploy = new CodeDeployClient({});
/** Leaves time to report before the Lambda timeout ends the hook without a verdict. */
const REPORT_MARGIN_MS = 30_000;

/** The BeforeAllowTraffic hook of every live alias (see release/gate/gate-hook.ts). */
export const handler = async (event: LifecycleHookEvent, context: Context): Promise<void> => {
  await runGateHook(
    event,
    {
      app: process.env[GATE_ENV.app] ?? "cellar",
      releaseId: process.env[GATE_ENV.releaseId] ?? UNRELEASED_ID,
      pollMs: Number(process.env[GATE_ENV.pollSeconds] ?? "10") * 1000,
      remainingMs: () => context.getRemainingTimeInMillis() - REPORT_MARGIN_MS,
    },
    { ssm, codeDeploy, wait: (ms) => delay(ms), log: (line) => console.log(line) },
  );
};
