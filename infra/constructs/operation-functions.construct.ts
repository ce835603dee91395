import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct, type IDependable } from "constructs";
import type { LambdaBundles } from "../bundle/lambda-bundles.js";
import type { InfraConfig } from "../config/infra-config.js";
import { CANARY_VERSION, canaryAlias, type OperationFunction } from "../operations/operation-functions.js";
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
  /** Aliases move to new code only after this (the migrations), so no version runs on an old schema. */
  releaseAfter?: IDependable;
}

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
      CELLAR_DATABASE_SECRET_ARN: database.secret.secretArn,
      CORS_ORIGINS: config.corsOrigins.join(","),
      ...database.clientEnvironment,
    },
  };
}

export const logGroupFor = (scope: Construct, id: string): logs.LogGroup =>
  new logs.LogGroup(scope, id, {
    retention: logs.RetentionDays.ONE_MONTH,
    removalPolicy: RemovalPolicy.DESTROY,
  });

/**
 * One function per operation, named as the gateway definitions expect, with a published version per
 * deploy and the aliases the stages call: `<version>` everywhere, plus `v2-canary` on v2 functions.
 */
export class OperationFunctions extends Construct {
  readonly functions = new Map<string, lambda.Function>();
  /** What the stages actually invoke now: the warmer keeps exactly these warm. */
  readonly servingAliases: lambda.Alias[] = [];

  constructor(scope: Construct, id: string, props: OperationFunctionsProps) {
    super(scope, id);
    const { config } = props;
    const defaults = functionDefaults(config, props.network, props.database);
    const apiGateway = new iam.ServicePrincipal("apigateway.amazonaws.com");

    for (const operation of props.operations) {
      const api = props.apis.get(operation.version);
      if (!api) throw new Error(`No API for ${operation.operationId} (version ${operation.version})`);
      const fn = new lambda.Function(this, operation.operationId, {
        ...defaults,
        functionName: `${config.name}-${operation.operationId}`,
        description: `${operation.method} ${operation.path}`,
        code: lambda.Code.fromAsset(props.bundles.directoryFor(operation.operationId)),
        logGroup: logGroupFor(this, `${operation.operationId}Logs`),
      });
      props.database.secret.grantRead(fn);
      this.functions.set(operation.operationId, fn);

      const aliases: Array<{ alias: lambda.Alias; serving: boolean }> = [];
      const canary = operation.version === CANARY_VERSION ? config.canary : undefined;
      const stable = canary?.stableVersions[operation.operationId];
      const stableVersion =
        stable === undefined
          ? fn.currentVersion
          : lambda.Version.fromVersionAttributes(this, `${operation.operationId}Stable`, {
              lambda: fn,
              version: stable,
            });
      aliases.push({
        alias: new lambda.Alias(this, `${operation.operationId}Alias`, {
          aliasName: operation.version,
          version: stableVersion,
        }),
        serving: true,
      });
      if (operation.version === CANARY_VERSION) {
        // Always present, so turning the canary on never waits for aliases to exist.
        const alias = new lambda.Alias(this, `${operation.operationId}CanaryAlias`, {
          aliasName: canaryAlias(operation.version),
          version: fn.currentVersion,
        });
        aliases.push({ alias, serving: canary !== undefined });
      }
      for (const { alias, serving } of aliases) {
        // One statement per alias for the whole API (wildcard source ARN), not one per route and stage.
        alias.addPermission("ApiGatewayInvoke", { principal: apiGateway, sourceArn: api.invokeSourceArn });
        if (props.releaseAfter) alias.node.addDependency(props.releaseAfter);
        if (serving) this.servingAliases.push(alias);
      }
    }
  }
}
