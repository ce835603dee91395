import {
  type CodeDeployClient,
  PutLifecycleEventHookExecutionStatusCommand,
} from "@aws-sdk/client-codedeploy";
import {
  GetParameterCommand,
  ParameterNotFound,
  PutParameterCommand,
  type SSMClient,
} from "@aws-sdk/client-ssm";
import { type GateVerdict, gateParameters, parseVerdict, UNRELEASED_ID } from "./gate-parameters.js";

/** What CodeDeploy passes a Lambda lifecycle hook (AppSpec "hooks" for AWS Lambda deployments). */
export interface LifecycleHookEvent {
  DeploymentId: string;
  LifecycleEventHookExecutionId: string;
}

export interface GateHookSettings {
  app: string;
  releaseId: string;
  pollMs: number;
  /** Milliseconds left before the hook must have reported (its Lambda timeout, less a margin). */
  remainingMs: () => number;
}

export interface GateHookDependencies {
  ssm: SSMClient;
  codeDeploy: CodeDeployClient;
  wait: (ms: number) => Promise<void>;
  log: (line: string) => void;
}

/**
 * The BeforeAllowTraffic hook of every live alias: CodeDeploy has published the candidate and the
 * preview aliases already serve it (the live alias depends on the preview alias), but no user traffic
 * has moved. The hook says so (the `waiting` parameter), waits for the release command's verdict on the
 * contract suite it runs against the preview stages, and reports it; CodeDeploy shifts traffic on
 * Succeeded and stops, leaving the alias where it was, on Failed. A hook must report with
 * PutLifecycleEventHookExecutionStatus, or CodeDeploy fails the deployment after an hour:
 * https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-hooks.html#appspec-hooks-lambda
 */
export async function runGateHook(
  event: LifecycleHookEvent,
  settings: GateHookSettings,
  deps: GateHookDependencies,
): Promise<GateVerdict> {
  const verdict = await awaitVerdict(event, settings, deps);
  await deps.codeDeploy.send(
    new PutLifecycleEventHookExecutionStatusCommand({
      deploymentId: event.DeploymentId,
      lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
      status: verdict.passed ? "Succeeded" : "Failed",
    }),
  );
  deps.log(
    `release ${settings.releaseId}, deployment ${event.DeploymentId}: ${verdict.passed ? "Succeeded" : `Failed (${verdict.reason})`}`,
  );
  return verdict;
}

async function awaitVerdict(
  event: LifecycleHookEvent,
  settings: GateHookSettings,
  deps: GateHookDependencies,
): Promise<GateVerdict> {
  if (settings.releaseId === UNRELEASED_ID) {
    // A bare `cdk deploy`: nobody will test the candidate, so nothing moves.
    return {
      passed: false,
      reason: "deployed without the release command (npm run deploy): no contract verdict",
    };
  }
  const names = gateParameters(settings.app, settings.releaseId);
  await deps.ssm.send(
    new PutParameterCommand({
      Name: names.waiting,
      Value: event.DeploymentId,
      Type: "String",
      Overwrite: true,
    }),
  );
  // Read at least once: a verdict written already counts, however little time is left.
  for (;;) {
    const verdict = parseVerdict(await readParameter(deps.ssm, names.verdict));
    if (verdict) return verdict;
    if (settings.remainingMs() <= settings.pollMs) break;
    await deps.wait(settings.pollMs);
  }
  return { passed: false, reason: "no contract verdict arrived before the hook's deadline" };
}

export async function readParameter(ssm: SSMClient, name: string): Promise<string | undefined> {
  try {
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: name }));
    return Parameter?.Value;
  } catch (error) {
    if (error instanceof ParameterNotFound) return undefined;
    throw error;
  }
}
