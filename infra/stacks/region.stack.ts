import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import * as apigateway from "aws-cdk-lib/aws-apigateway";
import * as iam from "aws-cdk-lib/aws-iam";
import * as xray from "aws-cdk-lib/aws-xray";
import type { Construct } from "constructs";
import type { LambdaBundles } from "../bundle/lambda-bundles.js";
import type { InfraConfig, RegionConfig } from "../config/infra-config.js";
import { ApiAlarms } from "../constructs/api-alarms.construct.js";
import { ApiDomain, regionalDomainName } from "../constructs/api-domain.construct.js";
import { AuroraDatabase, type DatabaseRole } from "../constructs/aurora-database.construct.js";
import { DatabaseMigrations } from "../constructs/database-migrations.construct.js";
import { JobQueues } from "../constructs/job-queues.construct.js";
import { Network } from "../constructs/network.construct.js";
import { OperationFunctions } from "../constructs/operation-functions.construct.js";
import { VersionedApi } from "../constructs/versioned-api.construct.js";
import { Warmer } from "../constructs/warmer.construct.js";
import { loadGatewayDefinition, renderGatewayDefinition } from "../gateway/render-gateway-definition.js";
import { apiVersions, CANARY_VERSION, type OperationFunction } from "../operations/operation-functions.js";

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

    const logging = this.apiGatewayLogging();
    for (const version of apiVersions(props.operations)) {
      const definition = renderGatewayDefinition(loadGatewayDefinition(version), {
        region: this.region,
        accountId: this.account,
        userPoolId: props.userPool.userPoolId,
        userPoolArn: props.userPool.userPoolArn,
        functionPrefix: config.name,
      });
      const canaryPercent = version === CANARY_VERSION ? config.canary?.percentTraffic : undefined;
      this.apis.set(
        version,
        new VersionedApi(this, `Api${version}`, { config, version, definition, canaryPercent, logging }),
      );
    }

    this.functions = new OperationFunctions(this, "Functions", {
      config,
      operations: props.operations,
      bundles: props.bundles,
      network,
      database: this.database,
      apis: this.apis,
      releaseAfter: migrations?.resource,
    });
    const apis = [...this.apis.values()];
    // Stages go live (and the health check starts passing) only once their aliases can be invoked.
    for (const api of apis) api.stage.node.addDependency(this.functions);
    new ApiDomain(this, "Domain", { config, apis });
    new Warmer(this, "Warmer", { aliases: this.functions.servingAliases });
    const alarms = new ApiAlarms(this, "Alarms", { config, apis });
    this.jobQueues = new JobQueues(this, "Queues", {
      config,
      bundles: props.bundles,
      network,
      database: this.database,
      operationFunctions: this.functions.functions,
      alarmTopic: alarms.topic,
      releaseAfter: migrations?.resource,
    });
    this.skipHealthCheckTraces(config);

    new CfnOutput(this, "RegionalEndpoint", { value: `https://${regionalDomainName(config, this.region)}` });
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
    return new apigateway.CfnAccount(this, "ApiGatewayAccount", { cloudWatchRoleArn: role.roleArn });
  }

  /** Health checks ping about every 5 s around the clock; tracing them would cost more than the API. */
  private skipHealthCheckTraces(config: InfraConfig): void {
    new xray.CfnSamplingRule(this, "HealthCheckSampling", {
      samplingRule: {
        ruleName: `${config.name}-health-checks`,
        priority: 1,
        fixedRate: 0,
        reservoirSize: 0,
        serviceName: "*",
        serviceType: "*",
        host: "*",
        httpMethod: "GET",
        urlPath: "*/ping",
        resourceArn: "*",
        version: 1,
      },
    });
  }
}
