import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as codedeploy from "aws-cdk-lib/aws-codedeploy";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct, type IDependable } from "constructs";
import { formatCorsOrigins } from "../../src/runtime/cors-origins.js";
import { WARMER_INTERVAL_MINUTES } from "../../src/runtime/warmer.js";
import { functionName, lambdaAlias, type StageRole } from "../../src/topology/topology.js";
import type { LambdaBundles } from "../bundle/lambda-bundles.js";
import type { InfraConfig } from "../config/infra-config.js";
import type { OperationFunction } from "../operations/operation-functions.js";
import type { AuroraDatabase } from "./aurora-database.construct.js";
import type { Network } from "./network.construct.js";
import type { VersionedApi } from "./versioned-api.construct.js";

export interface OperationFunctionsProps {
  config: InfraConfig;
  operations: readonly OperationFunction[];
  bundles: LambdaBundles;
  network: Network;
  database: AuroraDatabase;
  apis: ReadonlyMap<string, VersionedApi>;
  release: ReleaseSettings;
  /** Aliases move to new code only after this (the migrations), so no version runs on an old schema. */
  releaseAfter?: IDependable;
}

/**
 * How long a function's idle pooled connection stays open: past the next warm-up ping (so the
 * connection a ping opened serves the requests after it, instead of pg's 10 s default closing it),
 * and well before RDS Proxy's IdleClientTimeout would close it under the client.
 */
export const DATABASE_IDLE_TIMEOUT_MS = 2 * WARMER_INTERVAL_MINUTES * 60_000;

/** Settings every Cellar function shares, the API ones and the migrations one. */
export function functionDefaults(
  config: InfraConfig,
  network: Network,
  database: AuroraDatabase,
): Omit<lambda.FunctionProps, "code" | "functionName" | "logGroup"> {
  return {
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: lambda.Architecture.ARM_64,
    handler: "index.handler",
    memorySize: config.lambda.memorySize,
    timeout: Duration.seconds(config.lambda.timeoutSeconds),
    tracing: lambda.Tracing.ACTIVE,
    vpc: network.vpc,
    vpcSubnets: network.subnets,
    securityGroups: [network.functionSecurityGroup],
    paramsAndSecrets: lambda.ParamsAndSecretsLayerVersion.fromVersion(
      lambda.ParamsAndSecretsVersions.V1_0_103,
      {
        cacheEnabled: true,
      },
    ),
    environment: {
      NODE_ENV: "production",
      // Deployed functions send to SQS or fail: one whose queue URL is missing (an operation left
      // out of QUEUE_SENDERS) must not fall back to a Postgres queue nothing consumes there.
      CELLAR_QUEUE: "sqs",
      DATABASE_URL: database.databaseUrl,
      DATABASE_POOL_MAX: String(config.lambda.databasePoolMax),
      DATABASE_IDLE_TIMEOUT_MS: String(DATABASE_IDLE_TIMEOUT_MS),
      CELLAR_DATABASE_SECRET_ARN: database.secret.secretArn,
      CORS_ORIGINS: formatCorsOrigins(config.corsOrigins),
      ...database.clientEnvironment,
    },
  };
}

export const logGroupFor = (scope: Construct, id: string): logs.LogGroup =>
  new logs.LogGroup(scope, id, {
    retention: logs.RetentionDays.ONE_MONTH,
    removalPolicy: RemovalPolicy.DESTROY,
  });

/** What moves the live aliases: CodeDeploy, watching alarms, asking the release gate first. */
export interface ReleaseSettings {
  application: codedeploy.ILambdaApplication;
  /** One service role for every deployment group of the region. */
  role: iam.IRole;
  gate: lambda.IFunction;
  /** By API version: the live stage's 5xx alarm, watched while traffic shifts. */
  serverErrorAlarms: ReadonlyMap<string, cloudwatch.IAlarm>;
}

/**
 * One function per operation, named as the gateway definitions expect, with a published version per
 * deploy and two aliases (src/topology/topology.ts): `<v>-preview` → this deploy's version at once
 * (the preview stage's candidate), and `<v>` (live), shifted to it by a CodeDeploy deployment group
 * whose BeforeAllowTraffic hook is the release gate. The live alias depends on the preview alias and
 * on the preview stages, so CloudFormation has moved those when CodeDeploy asks the gate.
 */
export class OperationFunctions extends Construct {
  readonly functions = new Map<string, lambda.Function>();
  /** By role: every operation's alias. Live ones serve users (and get warmed); preview ones the release. */
  readonly aliases: Record<StageRole, lambda.Alias[]> = { live: [], preview: [] };
  readonly deploymentGroups: codedeploy.LambdaDeploymentGroup[] = [];

  constructor(scope: Construct, id: string, props: OperationFunctionsProps) {
    super(scope, id);
    const { config } = props;
    const defaults = functionDefaults(config, props.network, props.database);
    const apiGateway = new iam.ServicePrincipal("apigateway.amazonaws.com");
    const trafficShifting = codedeploy.LambdaDeploymentConfig[config.release.trafficShifting];

    for (const operation of props.operations) {
      const { operationId, version } = operation;
      const api = props.apis.get(version);
      const serverErrors = props.release.serverErrorAlarms.get(version);
      if (!api || !serverErrors)
        throw new Error(`No API or 5xx alarm for ${operationId} (version ${version})`);
      const fn = new lambda.Function(this, operationId, {
        ...defaults,
        functionName: functionName(operationId, config.name),
        description: `${operation.method} ${operation.path}`,
        code: lambda.Code.fromAsset(props.bundles.directoryFor(operationId)),
        logGroup: logGroupFor(this, `${operationId}Logs`),
      });
      props.database.secret.grantRead(fn);
      this.functions.set(operationId, fn);

      const preview = new lambda.Alias(this, `${operationId}PreviewAlias`, {
        aliasName: lambdaAlias(version, "preview"),
        version: fn.currentVersion,
      });
      const live = new lambda.Alias(this, `${operationId}Alias`, {
        aliasName: lambdaAlias(version, "live"),
        version: fn.currentVersion,
      });
      live.node.addDependency(preview, api.stages.preview);
      for (const alias of [preview, live]) {
        // One statement per alias for the whole API (wildcard source ARN), not one per route and stage.
        alias.addPermission("ApiGatewayInvoke", { principal: apiGateway, sourceArn: api.invokeSourceArn });
        if (props.releaseAfter) alias.node.addDependency(props.releaseAfter);
      }
      this.aliases.preview.push(preview);
      this.aliases.live.push(live);

      // Deployment configurations: https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html
      // CDK sets the alias's UpdatePolicy CodeDeployLambdaAliasUpdate to this group and the hook.
      this.deploymentGroups.push(
        new codedeploy.LambdaDeploymentGroup(this, `${operationId}Deployment`, {
          application: props.release.application,
          role: props.release.role,
          alias: live,
          deploymentConfig: trafficShifting,
          alarms: [this.errorsAlarm(operationId, functionName(operationId, config.name), live), serverErrors],
          autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
          preHook: props.release.gate,
        }),
      );
    }
  }

  /** Any error of the live alias in a minute: while traffic shifts, CodeDeploy stops and rolls back. */
  private errorsAlarm(operationId: string, name: string, alias: lambda.Alias): cloudwatch.Alarm {
    return new cloudwatch.Alarm(this, `${operationId}Errors`, {
      alarmDescription: `${name}:${alias.aliasName} answered with an error`,
      metric: alias.metricErrors({ statistic: cloudwatch.Stats.SUM, period: Duration.minutes(1) }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
