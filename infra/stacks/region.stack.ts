import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import * as apigateway from "aws-cdk-lib/aws-apigateway";
import * as codedeploy from "aws-cdk-lib/aws-codedeploy";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import * as xray from "aws-cdk-lib/aws-xray";
import type { Construct } from "constructs";
import {
  API_VERSIONS,
  healthCheckPath,
  lambdaAlias,
  previewEndpoint,
  regionalEndpoint,
  regionalHost,
  STAGE_ROLES,
  stageName,
} from "../../src/topology/topology.js";
import type { LambdaBundles } from "../bundle/lambda-bundles.js";
import type { InfraConfig, RegionConfig } from "../config/infra-config.js";
import { ApiAlarms } from "../constructs/api-alarms.construct.js";
import { ApiDomain } from "../constructs/api-domain.construct.js";
import { ApiFirewall } from "../constructs/api-firewall.construct.js";
import { AuroraDatabase, type DatabaseRole } from "../constructs/aurora-database.construct.js";
import { DatabaseMigrations } from "../constructs/database-migrations.construct.js";
import { JobQueues } from "../constructs/job-queues.construct.js";
import {
  acknowledge,
  acknowledgeOnce,
  FUNCTION_RULES,
  invokeVersionsRule,
  VPC_FUNCTION_RULES,
} from "../constructs/nag-acknowledgements.js";
import { Network } from "../constructs/network.construct.js";
import { OperationFunctions } from "../constructs/operation-functions.construct.js";
import { RegionDashboard } from "../constructs/region-dashboard.construct.js";
import { gateParameterArn, ReleaseGate } from "../constructs/release-gate.construct.js";
import { ServiceAlarms } from "../constructs/service-alarms.construct.js";
import { UsagePlans } from "../constructs/usage-plans.construct.js";
import { VersionedApi } from "../constructs/versioned-api.construct.js";
import { Warmer } from "../constructs/warmer.construct.js";
import { loadGatewayDefinition, renderGatewayDefinition } from "../gateway/render-gateway-definition.js";
import { apiVersions, type OperationFunction } from "../operations/operation-functions.js";

export interface RegionStackProps extends StackProps {
  config: InfraConfig;
  regionConfig: RegionConfig;
  operations: readonly OperationFunction[];
  bundles: LambdaBundles;
  userPool: { userPoolId: string; userPoolArn: string };
  databaseRole: DatabaseRole;
}

/** Everything that serves the API in one region; every region gets the same stack but the database role. */
export class RegionStack extends Stack {
  readonly database: AuroraDatabase;
  readonly apis = new Map<string, VersionedApi>();
  readonly functions: OperationFunctions;
  readonly jobQueues: JobQueues;
  readonly releaseGate: ReleaseGate;
  /** Its names and health checks; the health checks' alarms live in us-east-1 (HealthAlarmsStack). */
  readonly domain: ApiDomain;
  private readonly zones: string[];

  constructor(scope: Construct, id: string, props: RegionStackProps) {
    super(scope, id, props);
    this.zones = props.regionConfig.availabilityZones;
    const { config } = props;

    const network = new Network(this, "Network", { availabilityZones: this.zones });
    this.database = new AuroraDatabase(this, "Database", { config, network, role: props.databaseRole });
    const migrations =
      props.databaseRole.kind === "primary"
        ? new DatabaseMigrations(this, "Migrations", {
            config,
            bundles: props.bundles,
            network,
            database: this.database,
          })
        : undefined;
    if (migrations) {
      acknowledge(migrations, VPC_FUNCTION_RULES);
      acknowledgeOnce(
        migrations,
        invokeVersionsRule(migrations.node.findChild("Function")),
        "CDK's custom resource provider invokes the migrations function (and only it)",
      );
    }

    const logging = this.apiGatewayLogging();
    const versions = apiVersions(props.operations);
    for (const version of versions) {
      const definition = renderGatewayDefinition(loadGatewayDefinition(version), {
        region: this.region,
        accountId: this.account,
        userPoolId: props.userPool.userPoolId,
        userPoolArn: props.userPool.userPoolArn,
        functionPrefix: config.name,
      });
      const api = new VersionedApi(this, `Api${version}`, { config, version, definition, logging });
      acknowledgeOnce(
        api,
        "AwsSolutions-APIG2",
        "Each handler validates its request with validators generated from openapi.yaml and answers RFC 9457 problem details",
      );
      this.apis.set(version, api);
    }
    new UsagePlans(this, "UsagePlans", { config, apis: [...this.apis.values()] });
    const alarms = new ApiAlarms(this, "Alarms", { config, versions });
    this.releaseGate = new ReleaseGate(this, "ReleaseGate", { config, bundles: props.bundles });
    acknowledge(this.releaseGate, FUNCTION_RULES);
    acknowledgeOnce(
      this.releaseGate,
      `AwsSolutions-IAM5[Resource::${gateParameterArn(this, config.name).replace(/^arn:[^:]+/, "arn:<AWS::Partition>")}]`,
      "The gate reads and writes only its own parameters, one per release, under this prefix",
    );
    const releaseRole = new iam.Role(this, "ReleaseRole", {
      assumedBy: new iam.ServicePrincipal("codedeploy.amazonaws.com"),
    });
    acknowledgeOnce(
      releaseRole,
      "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]",
      "AWS's policy for CodeDeploy's Lambda deployments: alias updates and its hooks, kept current by AWS",
    );
    acknowledgeOnce(
      releaseRole,
      invokeVersionsRule(this.releaseGate.function),
      "CodeDeploy invokes the release gate (and only it) as its BeforeAllowTraffic hook",
    );

    this.functions = new OperationFunctions(this, "Functions", {
      config,
      operations: props.operations,
      bundles: props.bundles,
      network,
      database: this.database,
      apis: this.apis,
      release: {
        application: new codedeploy.LambdaApplication(this, "Release"),
        role: releaseRole,
        gate: this.releaseGate.function,
        serverErrorAlarms: alarms.serverErrorAlarms,
      },
      releaseAfter: migrations?.resource,
    });
    acknowledge(this.functions, VPC_FUNCTION_RULES);
    const apis = [...this.apis.values()];
    // Each stage serves users (live) or the release command (preview) only once its aliases can be
    // invoked; the live aliases in turn wait for the preview stages (see OperationFunctions).
    for (const api of apis) {
      for (const role of STAGE_ROLES) {
        const served = this.functions.aliases[role].filter(
          (alias) => alias.aliasName === lambdaAlias(api.version, role),
        );
        api.stages[role].node.addDependency(...served);
      }
    }
    this.domain = new ApiDomain(this, "Domain", { config, apis });
    new ApiFirewall(this, "Firewall", { config, apis });
    new Warmer(this, "Warmer", { aliases: this.functions.aliases.live });
    this.jobQueues = new JobQueues(this, "Queues", {
      config,
      bundles: props.bundles,
      network,
      database: this.database,
      operationFunctions: this.functions.functions,
      alarmTopic: alarms.topic,
      releaseAfter: migrations?.resource,
    });
    acknowledge(this.jobQueues, VPC_FUNCTION_RULES);
    const functions = new Map<string, lambda.IFunction>([
      ...this.functions.functions,
      ...[...this.jobQueues.workers].map(([queue, worker]): [string, lambda.IFunction] => [
        `${queue}Worker`,
        worker,
      ]),
    ]);
    new ServiceAlarms(this, "ServiceAlarms", {
      topic: alarms.topic,
      functions,
      database: this.database.metricsSource,
    });
    new RegionDashboard(this, "Dashboard", {
      config,
      versions,
      functions,
      database: this.database.metricsSource,
      healthChecks: this.domain.versionHealthChecks,
    });
    this.skipHealthCheckTraces(config);
    this.releaseOutputs(config, versions);
  }

  /** What the release command reads from `cdk deploy --outputs-file` (see infra/README.md, "Release"). */
  private releaseOutputs(config: InfraConfig, versions: readonly string[]): void {
    const { apiDomainName } = config.domain;
    new CfnOutput(this, "RegionalEndpoint", { value: regionalEndpoint(apiDomainName, this.region) });
    new CfnOutput(this, "PreviewEndpoint", { value: previewEndpoint(apiDomainName, this.region) });
    new CfnOutput(this, "ReleaseGateFunction", { value: this.releaseGate.function.functionName });
    for (const version of versions) {
      new CfnOutput(this, `LiveStage${version}`, { value: stageName(version, "live") });
      new CfnOutput(this, `PreviewStage${version}`, { value: stageName(version, "preview") });
    }
  }

  override get availabilityZones(): string[] {
    return this.zones;
  }

  /** API Gateway writes access logs with one role per account and region, set on the account itself. */
  private apiGatewayLogging(): apigateway.CfnAccount {
    const role = new iam.Role(this, "ApiGatewayLogsRole", {
      assumedBy: new iam.ServicePrincipal("apigateway.amazonaws.com"),
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName("service-role/AmazonAPIGatewayPushToCloudWatchLogs"),
      ],
    });
    acknowledgeOnce(
      role,
      "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]",
      "The policy API Gateway's documentation gives its account-wide CloudWatch Logs role",
    );
    return new apigateway.CfnAccount(this, "ApiGatewayAccount", { cloudWatchRoleArn: role.roleArn });
  }

  /**
   * Health checks come about every 5 s around the clock; tracing them would cost more than the API.
   * They are the only GETs of their path on the regional name (users come in on the shared one).
   */
  private skipHealthCheckTraces(config: InfraConfig): void {
    // Every version's health-check path is `/<v>` and the same rest, so one rule matches them all.
    const rests = new Set(
      API_VERSIONS.map((version) =>
        new URL(healthCheckPath(version), "https://host").pathname.replace(/^\/[^/]+/, ""),
      ),
    );
    if (rests.size !== 1)
      throw new Error("health-check paths differ beyond their version: add a sampling rule per path");
    new xray.CfnSamplingRule(this, "HealthCheckSampling", {
      samplingRule: {
        ruleName: `${config.name}-health-checks`,
        priority: 1,
        fixedRate: 0,
        reservoirSize: 0,
        serviceName: "*",
        serviceType: "*",
        host: regionalHost(config.domain.apiDomainName, this.region),
        httpMethod: "GET",
        urlPath: `*${[...rests][0]}`,
        resourceArn: "*",
        version: 1,
      },
    });
  }
}
