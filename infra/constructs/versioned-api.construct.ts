import { RemovalPolicy } from "aws-cdk-lib";
import * as apigateway from "aws-cdk-lib/aws-apigateway";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct, type IDependable } from "constructs";
import type { InfraConfig } from "../config/infra-config.js";
import type { GatewayDefinition } from "../gateway/render-gateway-definition.js";
import { canaryAlias, stageName } from "../operations/operation-functions.js";

export interface VersionedApiProps {
  config: InfraConfig;
  version: string;
  definition: GatewayDefinition;
  /** Canary traffic share for this version's stage, when one is configured for it. */
  canaryPercent?: number;
  /** The account-level CloudWatch role API Gateway needs before any stage can log. */
  logging: IDependable;
}

/**
 * One REST API per version, imported from its generated definition, with a single stage
 * `prod<version>` whose `alias` stage variable picks the Lambda alias every integration calls.
 */
export class VersionedApi extends Construct {
  readonly api: apigateway.SpecRestApi;
  readonly stage: apigateway.Stage;
  readonly stageName: string;
  readonly version: string;

  constructor(scope: Construct, id: string, props: VersionedApiProps) {
    super(scope, id);
    const { config, version } = props;
    this.version = version;
    this.stageName = stageName(version);
    const accessLogs = new logs.LogGroup(this, "AccessLogs", {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api = new apigateway.SpecRestApi(this, "Api", {
      restApiName: `${config.name}-${version}`,
      apiDefinition: apigateway.ApiDefinition.fromInline(props.definition),
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      // Import parameters: keep paths relative (the custom domain's base path adds /v1), and regional.
      parameters: { basepath: "ignore", endpointConfigurationTypes: "REGIONAL" },
      // Clients come in through the custom domain only, where the version is chosen by base path.
      disableExecuteApiEndpoint: true,
      cloudWatchRole: false,
      retainDeployments: false,
      deployOptions: {
        stageName: this.stageName,
        variables: { alias: version, corsOrigin: config.corsOrigins[0] ?? "" },
        tracingEnabled: true,
        throttlingRateLimit: config.throttling.rateLimit,
        throttlingBurstLimit: config.throttling.burstLimit,
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        metricsEnabled: false,
        accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields({
          caller: false,
          httpMethod: true,
          ip: true,
          protocol: true,
          requestTime: true,
          resourcePath: true,
          responseLength: true,
          status: true,
          user: true,
        }),
      },
    });
    this.stage = this.api.deploymentStage;
    this.stage.node.addDependency(props.logging);
    if (props.canaryPercent !== undefined) {
      // Stage L2 has no canary settings yet; the CloudFormation property is stable.
      const cfnStage = this.stage.node.defaultChild as apigateway.CfnStage;
      cfnStage.canarySetting = {
        deploymentId: this.api.latestDeployment?.deploymentId,
        percentTraffic: props.canaryPercent,
        stageVariableOverrides: { alias: canaryAlias(version) },
        useStageCache: false,
      };
    }
  }

  /** `arn:...:execute-api:<region>:<account>:<apiId>/*`: one invoke permission per alias covers every route. */
  get invokeSourceArn(): string {
    return this.api.arnForExecuteApi("*", "/*", "*");
  }
}
