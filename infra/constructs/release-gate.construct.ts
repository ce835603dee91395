import { Duration, Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { Construct } from "constructs";
import {
  GATE_ENV,
  gateParameterPrefix,
  RELEASE_ID_CONTEXT,
  UNRELEASED_ID,
} from "../../release/gate/gate-parameters.js";
import type { LambdaBundles } from "../bundle/lambda-bundles.js";
import type { InfraConfig } from "../config/infra-config.js";
import { RELEASE_GATE_FUNCTION } from "../operations/operation-functions.js";
import { logGroupFor } from "./operation-functions.construct.js";

/** SSM parameter names allow these characters; the release id is one path segment of them. */
const RELEASE_ID = /^[A-Za-z0-9_.-]{1,100}$/;

/** The release id this synth belongs to: the release command passes it as CDK context. */
export function releaseIdOf(scope: Construct): string {
  const value: unknown = scope.node.tryGetContext(RELEASE_ID_CONTEXT) ?? UNRELEASED_ID;
  if (typeof value !== "string" || !RELEASE_ID.test(value)) {
    throw new Error(`context ${RELEASE_ID_CONTEXT} must match ${RELEASE_ID}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** The ARN pattern of every gate parameter of this app in this region (the prefix and below). */
export function gateParameterArn(scope: Construct, app: string): string {
  const stack = Stack.of(scope);
  return `arn:${stack.partition}:ssm:${stack.region}:${stack.account}:parameter${gateParameterPrefix(app)}/*`;
}

/**
 * The BeforeAllowTraffic hook of every live alias in the region (handler: lambda/release-gate.handler.ts).
 * It waits for the release command's verdict in SSM and reports it to CodeDeploy. Outside the VPC: it
 * only calls the SSM and CodeDeploy public endpoints, which the VPC (no NAT) could not reach.
 * Hooks: https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-hooks.html#appspec-hooks-lambda
 */
export class ReleaseGate extends Construct {
  readonly function: lambda.Function;

  constructor(scope: Construct, id: string, props: { config: InfraConfig; bundles: LambdaBundles }) {
    super(scope, id);
    const { config } = props;
    this.function = new lambda.Function(this, "Function", {
      functionName: `${config.name}-${RELEASE_GATE_FUNCTION}`,
      description: "BeforeAllowTraffic hook: waits for the release command's contract verdict",
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      handler: "index.handler",
      code: lambda.Code.fromAsset(props.bundles.directoryFor(RELEASE_GATE_FUNCTION)),
      memorySize: 256,
      // The handler waits until its remaining time, less a margin, runs out: one minute more than
      // the configured wait (at most 14), so at most Lambda's 15-minute limit.
      timeout: Duration.minutes(config.release.gateTimeoutMinutes + 1),
      environment: {
        [GATE_ENV.app]: config.name,
        [GATE_ENV.releaseId]: releaseIdOf(this),
        [GATE_ENV.pollSeconds]: "10",
      },
      logGroup: logGroupFor(this, "Logs"),
    });
    // codedeploy:PutLifecycleEventHookExecutionStatus is granted by each deployment group's preHook.
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ["ssm:GetParameter", "ssm:PutParameter"],
        resources: [gateParameterArn(this, config.name)],
      }),
    );
  }
}
