import { App, Stack } from "aws-cdk-lib";
import { describe, expect, it } from "vitest";
import { releaseIdOf } from "../../../infra/constructs/release-gate.construct.js";
import { RELEASE_GATE_FUNCTION } from "../../../infra/operations/operation-functions.js";
import { resourcesOfType, synthTestApp, testConfig } from "../../../infra/testing/test-app.js";
import {
  GATE_ENV,
  gateParameterPrefix,
  RELEASE_ID_CONTEXT,
  UNRELEASED_ID,
} from "../../../release/gate/gate-parameters.js";
import { routes } from "../../../src/generated/routes.gen.js";
import {
  API_VERSIONS,
  apiName,
  functionName,
  lambdaAlias,
  previewEndpoint,
  regionalEndpoint,
  stageName,
} from "../../../src/topology/topology.js";

const config = testConfig();
const { stacks, template } = synthTestApp(config);

type Resource = {
  Type: string;
  Properties: Record<string, unknown>;
  DependsOn?: string[];
  UpdatePolicy?: unknown;
};
type Ref = { Ref: string };
interface AliasUpdate {
  CodeDeployLambdaAliasUpdate: {
    ApplicationName: Ref;
    DeploymentGroupName: Ref;
    BeforeAllowTrafficHook: Ref;
    AfterAllowTrafficHook?: unknown;
  };
}

/** One region's release wiring, read from its template: per operation, its aliases and deployment group. */
function releaseWiring(stack: Stack) {
  const t = template(stack);
  const resources = t.toJSON().Resources as Record<string, Resource>;
  const idOf = (type: string, predicate: (resource: Resource) => boolean) => {
    const ids = Object.entries(resources)
      .filter(([, resource]) => resource.Type === type && predicate(resource))
      .map(([id]) => id);
    if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}`);
    return ids[0] as string;
  };
  const functionId = (name: string) =>
    idOf("AWS::Lambda::Function", (fn) => fn.Properties.FunctionName === name);
  const aliasId = (fnId: string, name: string) =>
    idOf(
      "AWS::Lambda::Alias",
      (alias) => (alias.Properties.FunctionName as Ref).Ref === fnId && alias.Properties.Name === name,
    );
  const stageId = (name: string) =>
    idOf("AWS::ApiGateway::Stage", (stage) => stage.Properties.StageName === name);
  const gateId = functionId(functionName(RELEASE_GATE_FUNCTION, config.name));
  const operations = routes.map((route) => {
    const fnId = functionId(functionName(route.operationId, config.name));
    const liveId = aliasId(fnId, lambdaAlias(route.version, "live"));
    const previewId = aliasId(fnId, lambdaAlias(route.version, "preview"));
    return { route, fnId, liveId, previewId, live: resources[liveId]!, preview: resources[previewId]! };
  });
  return { t, resources, gateId, stageId, operations };
}

describe.each(stacks.regions.map((stack) => [stack.region, stack] as const))(
  "releases in %s",
  (_region, stack) => {
    const { t, resources, gateId, stageId, operations } = releaseWiring(stack);
    const [applicationId, ...otherApplications] = Object.keys(
      resourcesOfType(t, "AWS::CodeDeploy::Application"),
    );

    it("has one CodeDeploy application for the region", () => {
      expect(applicationId).toBeDefined();
      expect(otherApplications).toEqual([]);
    });

    it("hands every live alias's update to CodeDeploy, with the release gate as BeforeAllowTraffic hook", () => {
      const groups = new Set<string>();
      for (const { live } of operations) {
        const update = (live.UpdatePolicy as AliasUpdate).CodeDeployLambdaAliasUpdate;
        expect(update.ApplicationName).toEqual({ Ref: applicationId });
        expect(update.BeforeAllowTrafficHook).toEqual({ Ref: gateId });
        expect(update.AfterAllowTrafficHook).toBeUndefined();
        expect(resources[update.DeploymentGroupName.Ref]?.Type).toBe("AWS::CodeDeploy::DeploymentGroup");
        groups.add(update.DeploymentGroupName.Ref);
      }
      // One group per live alias: an alarm of one operation stops only that operation's shift.
      expect(groups.size).toBe(operations.length);
      expect(Object.keys(resourcesOfType(t, "AWS::CodeDeploy::DeploymentGroup"))).toHaveLength(groups.size);
    });

    it("never gives a preview alias an update policy: it moves to the candidate at once", () => {
      for (const { preview } of operations) expect(preview.UpdatePolicy).toBeUndefined();
    });

    it("shifts each live alias by the configured deployment config, watching its errors and its stage's 5xx rate, rolling back on failure, stop and alarm", () => {
      for (const { route, fnId, live } of operations) {
        const groupId = (live.UpdatePolicy as AliasUpdate).CodeDeployLambdaAliasUpdate.DeploymentGroupName
          .Ref;
        const group = resources[groupId]!.Properties;
        expect(group.ApplicationName).toEqual({ Ref: applicationId });
        expect(group.DeploymentConfigName).toBe("CodeDeployDefault.LambdaCanary10Percent5Minutes");
        expect(group.DeploymentStyle).toEqual({
          DeploymentType: "BLUE_GREEN",
          DeploymentOption: "WITH_TRAFFIC_CONTROL",
        });
        expect(group.AutoRollbackConfiguration).toEqual({
          Enabled: true,
          Events: expect.arrayContaining([
            "DEPLOYMENT_FAILURE",
            "DEPLOYMENT_STOP_ON_REQUEST",
            "DEPLOYMENT_STOP_ON_ALARM",
          ]),
        });
        const alarmConfig = group.AlarmConfiguration as { Enabled: boolean; Alarms: Array<{ Name: Ref }> };
        expect(alarmConfig.Enabled).toBe(true);
        const alarms = alarmConfig.Alarms.map(({ Name }) => resources[Name.Ref]!.Properties);
        expect(alarms).toHaveLength(2);
        expect(alarms).toContainEqual(
          expect.objectContaining({
            Namespace: "AWS/Lambda",
            MetricName: "Errors",
            Statistic: "Sum",
            Period: 60,
            EvaluationPeriods: 1,
            Threshold: 0,
            ComparisonOperator: "GreaterThanThreshold",
            Dimensions: expect.arrayContaining([
              {
                Name: "Resource",
                Value: { "Fn::Join": ["", [{ Ref: fnId }, `:${lambdaAlias(route.version, "live")}`]] },
              },
            ]),
          }),
        );
        expect(alarms).toContainEqual(
          expect.objectContaining({
            Namespace: "AWS/ApiGateway",
            MetricName: "5XXError",
            Dimensions: expect.arrayContaining([
              { Name: "ApiName", Value: apiName(route.version, config.name) },
              { Name: "Stage", Value: stageName(route.version, "live") },
            ]),
          }),
        );
      }
    });

    it("points each preview alias at the version its live alias moves to", () => {
      for (const { live, preview } of operations) {
        expect(preview.Properties.FunctionVersion).toEqual(live.Properties.FunctionVersion);
        expect(preview.Properties.FunctionVersion).toEqual({
          "Fn::GetAtt": [expect.stringMatching(/CurrentVersion/), "Version"],
        });
      }
    });

    it("moves each live alias only after its preview alias and its version's preview stage", () => {
      for (const { route, live, previewId } of operations) {
        expect(live.DependsOn).toEqual(
          expect.arrayContaining([previewId, stageId(stageName(route.version, "preview"))]),
        );
      }
    });

    it("lets API Gateway invoke both aliases of every function", () => {
      const permissions = Object.values(resourcesOfType(t, "AWS::Lambda::Permission")).filter(
        (permission) => permission.Properties.Principal === "apigateway.amazonaws.com",
      );
      const invokable = new Set(
        permissions.map((permission) => (permission.Properties.FunctionName as Ref).Ref),
      );
      for (const { liveId, previewId } of operations) {
        expect(invokable).toContain(liveId);
        expect(invokable).toContain(previewId);
      }
    });

    it("runs the gate outside the VPC, on Node 22 arm64, for one minute longer than it waits", () => {
      const gate = resources[gateId]!.Properties;
      expect(gate).toMatchObject({ Runtime: "nodejs22.x", Architectures: ["arm64"], Timeout: 15 * 60 });
      expect(gate.VpcConfig).toBeUndefined();
      expect((gate.Environment as { Variables: Record<string, string> }).Variables).toEqual({
        [GATE_ENV.app]: config.name,
        [GATE_ENV.releaseId]: UNRELEASED_ID,
        [GATE_ENV.pollSeconds]: "10",
      });
    });

    it("lets the gate read and write only the SSM parameters under its prefix, and report to each deployment group once", () => {
      const role = (resources[gateId]!.Properties.Role as { "Fn::GetAtt": [string, string] })[
        "Fn::GetAtt"
      ][0];
      const policies = Object.values(resourcesOfType(t, "AWS::IAM::Policy")).filter((policy) =>
        (policy.Properties.Roles as Ref[]).some((ref) => ref.Ref === role),
      );
      const statements = policies.flatMap(
        (policy) =>
          (policy.Properties.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement,
      );
      const ssm = statements.filter((statement) => JSON.stringify(statement.Action).includes("ssm:"));
      expect(ssm).toHaveLength(1);
      expect(ssm[0]?.Action).toEqual(["ssm:GetParameter", "ssm:PutParameter"]);
      expect(ssm[0]?.Resource).toEqual({
        "Fn::Join": [
          "",
          [
            "arn:",
            { Ref: "AWS::Partition" },
            `:ssm:${stack.region}:${stack.account}:parameter${gateParameterPrefix(config.name)}/*`,
          ],
        ],
      });
      const reports = statements.filter(
        (statement) => statement.Action === "codedeploy:PutLifecycleEventHookExecutionStatus",
      );
      expect(reports).toHaveLength(operations.length);
      expect(new Set(reports.map((statement) => JSON.stringify(statement.Resource))).size).toBe(
        operations.length,
      );
      // Nothing else: the gate can do exactly this much.
      expect(statements).toHaveLength(ssm.length + reports.length);
    });

    it("publishes what the release command reads from cdk deploy --outputs-file", () => {
      const outputs = t.toJSON().Outputs as Record<string, { Value: unknown }>;
      const { apiDomainName } = config.domain;
      expect(outputs.RegionalEndpoint?.Value).toBe(regionalEndpoint(apiDomainName, stack.region));
      expect(outputs.PreviewEndpoint?.Value).toBe(previewEndpoint(apiDomainName, stack.region));
      expect(outputs.ReleaseGateFunction?.Value).toEqual({ Ref: gateId });
      for (const version of API_VERSIONS) {
        expect(outputs[`LiveStage${version}`]?.Value).toBe(stageName(version, "live"));
        expect(outputs[`PreviewStage${version}`]?.Value).toBe(stageName(version, "preview"));
      }
    });
  },
);

describe("stage canaries", () => {
  it("appear in no template of the deployment", () => {
    const all = [stacks.identity, stacks.site, ...stacks.regions];
    for (const stack of all) expect(JSON.stringify(template(stack).toJSON())).not.toContain("CanarySetting");
  });
});

describe("the release id", () => {
  it("comes from the release command's CDK context, or is the one no verdict is ever given for", () => {
    const scope = (context?: Record<string, unknown>) => new Stack(new App({ context }), "Gate");
    expect(releaseIdOf(scope())).toBe(UNRELEASED_ID);
    expect(releaseIdOf(scope({ [RELEASE_ID_CONTEXT]: "2026-12-02T13-10-abc123" }))).toBe(
      "2026-12-02T13-10-abc123",
    );
    expect(() => releaseIdOf(scope({ [RELEASE_ID_CONTEXT]: "a/b" }))).toThrow(RELEASE_ID_CONTEXT);
  });
});
