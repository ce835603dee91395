import type { LambdaHandler } from "../../src/local/handler-registry.js";
import { functionName, lambdaAlias } from "../../src/topology/topology.js";
import type { DeployOutcome } from "../release-region.js";
import type { CodeDeployState, HookEvent, TrafficShifting } from "../testing/codedeploy-stand-in.js";
import type { AliasRouting, LambdaRegistry } from "./lambda-registry.js";

/** A build: the code of every operation, keyed by operationId. */
export interface Build {
  name: string;
  handlers: Readonly<Record<string, LambdaHandler>>;
  /** Operations whose code differs from the previous build: only these publish a version (as CDK's currentVersion does). */
  changed: readonly string[];
}

export interface OperationFunction {
  operationId: string;
  version: string;
}

export interface SimulatedDeployInput {
  region: string;
  app: string;
  operations: readonly OperationFunction[];
  registry: LambdaRegistry;
  build: Build;
  codeDeploy: CodeDeployState;
  trafficShifting: TrafficShifting;
  /** Invokes the region's release gate function (its BeforeAllowTraffic hook). */
  invokeGate: (event: HookEvent) => Promise<void>;
  wait?: (ms: number) => Promise<void>;
  log: (line: string) => void;
}

const toRouting = (current: string, target: string, weight: number): AliasRouting =>
  weight >= 1
    ? { version: target }
    : weight <= 0
      ? { version: current }
      : { version: current, additional: { version: target, weight } };

/** A first deploy: CloudFormation creates each function with its aliases; CodeDeploy has nothing to shift. */
export function createFunctions(
  input: Pick<SimulatedDeployInput, "app" | "operations" | "registry" | "build">,
): void {
  for (const { operationId, version } of input.operations) {
    const name = functionName(operationId, input.app);
    const published = input.registry.publish(name, handlerOf(input.build, operationId));
    input.registry.setAlias(name, lambdaAlias(version, "live"), { version: published });
    input.registry.setAlias(name, lambdaAlias(version, "preview"), { version: published });
  }
}

/**
 * What CloudFormation does with the CDK app's template on an update, as far as the release is
 * concerned: publish a version of every changed function, move its preview alias (the live alias
 * depends on it), then update the live alias under the CodeDeployLambdaAliasUpdate update policy, i.e.
 * a CodeDeploy deployment per function, whose BeforeAllowTraffic hook is the release gate. If any
 * deployment fails, the stack update fails and CloudFormation rolls every resource back: aliases
 * return to the versions they had.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-updatepolicy.html#cfn-attributes-updatepolicy-codedeploylambdaaliasupdate
 */
export async function deployUpdate(input: SimulatedDeployInput): Promise<DeployOutcome> {
  const { registry, app } = input;
  const moves = input.operations
    .filter(({ operationId }) => input.build.changed.includes(operationId))
    .map(({ operationId, version }) => {
      const name = functionName(operationId, app);
      const live = lambdaAlias(version, "live");
      const preview = lambdaAlias(version, "preview");
      const [liveBefore, previewBefore] = [registry.alias(name, live), registry.alias(name, preview)];
      if (!liveBefore || !previewBefore) throw new Error(`${name} has no ${live}/${preview} alias to update`);
      const before = { live: liveBefore, preview: previewBefore };
      const target = registry.publish(name, handlerOf(input.build, operationId));
      registry.setAlias(name, preview, { version: target });
      return { operationId, name, live, preview, before, current: before.live.version, target };
    });
  input.log(
    `published ${moves.length} function versions of build ${input.build.name}; preview aliases moved`,
  );
  const outcomes = await Promise.all(
    moves.map(
      (move) =>
        input.codeDeploy.startLambdaDeployment({
          region: input.region,
          applicationName: `${app}-${input.region}`,
          deploymentGroupName: move.operationId,
          functionName: move.name,
          alias: move.live,
          currentVersion: move.current,
          targetVersion: move.target,
          trafficShifting: input.trafficShifting,
          beforeAllowTraffic: input.invokeGate,
          shiftTraffic: (weight) =>
            registry.setAlias(move.name, move.live, toRouting(move.current, move.target, weight)),
          ...(input.wait ? { wait: input.wait } : {}),
        }).outcome,
    ),
  );
  const failed = outcomes.filter((outcome) => outcome.status !== "Succeeded");
  if (failed.length === 0) return { ok: true };
  for (const move of moves) {
    registry.setAlias(move.name, move.live, move.before.live);
    registry.setAlias(move.name, move.preview, move.before.preview);
  }
  const reason = failed[0]?.reason ?? "a CodeDeploy deployment did not succeed";
  return {
    ok: false,
    reason: `${failed.length} of ${moves.length} CodeDeploy deployments failed (${reason}); stack rolled back`,
  };
}

function handlerOf(build: Build, operationId: string): LambdaHandler {
  const handler = build.handlers[operationId];
  if (!handler) throw new Error(`build ${build.name} has no code for ${operationId}`);
  return handler;
}
