import type {
  GetDeploymentInput,
  PutLifecycleEventHookExecutionStatusInput,
  StopDeploymentInput,
} from "@aws-sdk/client-codedeploy";
import { AwsJsonError, type JsonOperation } from "./aws-json-protocol.js";
import { type CodeDeployState, DEPLOYMENT_ID, type DeploymentRecord } from "./codedeploy-stand-in.js";

/*
 * The CodeDeploy wire operations the release path calls, with the errors their API references list:
 * https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_GetDeployment.html
 * https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_PutLifecycleEventHookExecutionStatus.html
 * https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_StopDeployment.html
 */

export function codeDeployOperations(state: CodeDeployState): Record<string, JsonOperation> {
  return {
    GetDeployment: (region, input) => {
      const record = find(state, region, (input as Partial<GetDeploymentInput>).deploymentId);
      return { deploymentInfo: describeDeployment(record) };
    },
    PutLifecycleEventHookExecutionStatus: (region, input) => {
      const report = input as Partial<PutLifecycleEventHookExecutionStatusInput>;
      const record = find(state, region, report.deploymentId);
      const execution = record.hooks.get(String(report.lifecycleEventHookExecutionId ?? ""));
      if (!execution) {
        throw new AwsJsonError(
          "InvalidLifecycleEventHookExecutionIdException",
          `Lifecycle event hook execution ${report.lifecycleEventHookExecutionId} does not belong to deployment ${record.deploymentId}`,
        );
      }
      // The status enum lists Pending, InProgress, Skipped and Unknown too, but "only Succeeded and
      // Failed can be passed successfully".
      if (report.status !== "Succeeded" && report.status !== "Failed") {
        throw new AwsJsonError(
          "InvalidLifecycleEventHookExecutionStatusException",
          `Lifecycle event hook status ${report.status} is invalid: use Succeeded or Failed`,
        );
      }
      if (execution.done) {
        throw new AwsJsonError(
          "LifecycleEventAlreadyCompletedException",
          `The ${execution.lifecycleEvent} lifecycle event of ${record.deploymentId} is already ${execution.status}`,
        );
      }
      execution.complete(report.status);
      return { lifecycleEventHookExecutionId: execution.id };
    },
    StopDeployment: (region, input) => {
      const request = input as Partial<StopDeploymentInput>;
      const record = find(state, region, request.deploymentId);
      if (record.status !== "Created" && record.status !== "InProgress") {
        throw new AwsJsonError(
          "DeploymentAlreadyCompletedException",
          `Deployment ${record.deploymentId} is already complete`,
        );
      }
      // Without the flag the group's own setting decides; the stand-in models a group that does not
      // roll back on a stop request (the CDK default, `stoppedDeployment: false`).
      state.requestStop(record, request.autoRollbackEnabled === true);
      return { status: "Pending", statusMessage: "Stopping pending." };
    },
  };
}

/** The deployment id checks shared by the operations, in the order the references list the errors. */
function find(state: CodeDeployState, region: string, deploymentId: unknown): DeploymentRecord {
  if (typeof deploymentId !== "string" || deploymentId === "") {
    throw new AwsJsonError("DeploymentIdRequiredException", "Deployment id is required");
  }
  if (!DEPLOYMENT_ID.test(deploymentId)) {
    throw new AwsJsonError(
      "InvalidDeploymentIdException",
      `Specified DeploymentId is not in the valid format: ${deploymentId}`,
    );
  }
  const record = state.get(deploymentId);
  // Deployments live in one region; asking another region finds nothing, as it would in AWS.
  if (!record || record.region !== region) {
    throw new AwsJsonError("DeploymentDoesNotExistException", `Deployment ${deploymentId} does not exist`);
  }
  return record;
}

/** `deploymentInfo` as GetDeployment sends it; timestamps are epoch seconds in the JSON protocol. */
export function describeDeployment(record: DeploymentRecord) {
  const { input } = record;
  const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);
  return {
    deploymentId: record.deploymentId,
    applicationName: input.applicationName,
    deploymentGroupName: input.deploymentGroupName,
    deploymentConfigName: record.plan.configName,
    status: record.status,
    computePlatform: "Lambda",
    creator: record.creator,
    deploymentStyle: { deploymentType: "BLUE_GREEN", deploymentOption: "WITH_TRAFFIC_CONTROL" },
    revision: {
      revisionType: "AppSpecContent",
      appSpecContent: { content: appSpec(record) },
    },
    createTime: seconds(record.createTime),
    startTime: seconds(record.startTime),
    completeTime: seconds(record.completeTime),
    ...(record.errorInformation ? { errorInformation: record.errorInformation } : {}),
    ...(record.rollbackInfo ? { rollbackInfo: record.rollbackInfo } : {}),
  };
}

/** The Lambda AppSpec the deployment stands for; a rollback swaps the versions back. */
function appSpec(record: DeploymentRecord): string {
  const { input } = record;
  const [current, target] =
    record.creator === "codeDeployRollback"
      ? [input.targetVersion, input.currentVersion]
      : [input.currentVersion, input.targetVersion];
  return JSON.stringify({
    version: 0.0,
    Resources: [
      {
        [input.functionName]: {
          Type: "AWS::Lambda::Function",
          Properties: {
            Name: input.functionName,
            Alias: input.alias,
            CurrentVersion: current,
            TargetVersion: target,
          },
        },
      },
    ],
  });
}
