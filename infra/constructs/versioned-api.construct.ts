import { RemovalPolicy } from "aws-cdk-lib";
import * as apigateway from "aws-cdk-lib/aws-apigateway";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct, type IDependable } from "constructs";
import { CORS_ORIGINS_STAGE_VARIABLE, formatCorsOrigins } from "../../src/runtime/cors-origins.js";
import { apiName, type StageRole, stageName, stageVariables } from "../../src/topology/topology.js";
import type { InfraConfig } from "../config/infra-config.js";
import { DISABLE_EXECUTE_API_ENDPOINT, withCustomDomainsOnly } from "../gateway/custom-domains-only.js";
import type { GatewayDefinition } from "../gateway/render-gateway-definition.js";

export interface VersionedApiProps {
  config: InfraConfig;
  version: string;
  definition: GatewayDefinition;
  /** The account-level CloudWatch role API Gateway needs before any stage can log. */
  logging: IDependable;
}

/**
 * `corsOrigins`: every allowed origin, for the preflight template; `corsOrigin`: the first, for the
 * gateway responses, whose header mappings can copy a stage variable but not choose from a list.
 */
export const corsStageVariables = (origins: readonly string[]): Record<string, string> => ({
  [CORS_ORIGINS_STAGE_VARIABLE]: formatCorsOrigins(origins),
  corsOrigin: origins[0] ?? "",
});

/** The preview stage only carries the release command's contract suite: a tenth of the live limits. */
export const PREVIEW_THROTTLING = { rateLimit: 20, burstLimit: 40 } as const;

/**
 * One REST API per version, imported from its generated definition, with two stages on its latest
 * deployment: live `prod<v>` (stage variable `alias=<v>`) and preview `preview<v>` (`alias=<v>-preview`,
 * the release candidate). Both serve the same definition; only the Lambda alias differs.
 */
export class VersionedApi extends Construct {
  readonly api: apigateway.SpecRestApi;
  readonly stages: Record<StageRole, apigateway.Stage>;
  readonly version: string;

  constructor(scope: Construct, id: string, props: VersionedApiProps) {
    super(scope, id);
    const { config, version } = props;
    this.version = version;
    this.api = new apigateway.SpecRestApi(this, "Api", {
      restApiName: apiName(version, config.name),
      apiDefinition: apigateway.ApiDefinition.fromInline(withCustomDomainsOnly(props.definition)),
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      // Import parameters: keep paths relative (the custom domain's base path adds /v1), and regional.
      parameters: { basepath: "ignore", endpointConfigurationTypes: "REGIONAL" },
      disableExecuteApiEndpoint: DISABLE_EXECUTE_API_ENDPOINT,
      cloudWatchRole: false,
      retainDeployments: false,
      deployOptions: this.stageOptions("live", config.throttling, props),
    });
    // CDK adds an output with the execute-api URL, which answers nothing once it is disabled.
    this.api.node.tryRemoveChild("Endpoint");
    const deployment = this.api.latestDeployment;
    if (!deployment) throw new Error(`${apiName(version, config.name)} has no deployment`);
    const preview = new apigateway.Stage(this, "PreviewStage", {
      deployment,
      ...this.stageOptions("preview", PREVIEW_THROTTLING, props),
    });
    this.stages = { live: this.api.deploymentStage, preview };
    for (const stage of Object.values(this.stages)) stage.node.addDependency(props.logging);
  }

  /** `arn:...:execute-api:<region>:<account>:<apiId>/*`: one invoke permission per alias covers every route and stage. */
  get invokeSourceArn(): string {
    return this.api.arnForExecuteApi("*", "/*", "*");
  }

  private stageOptions(
    role: StageRole,
    throttling: InfraConfig["throttling"],
    props: VersionedApiProps,
  ): apigateway.StageOptions {
    const accessLogs = new logs.LogGroup(this, role === "live" ? "AccessLogs" : "PreviewAccessLogs", {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    return {
      stageName: stageName(props.version, role),
      variables: { ...stageVariables(props.version, role), ...corsStageVariables(props.config.corsOrigins) },
      tracingEnabled: true,
      throttlingRateLimit: throttling.rateLimit,
      throttlingBurstLimit: throttling.burstLimit,
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
    };
  }
}
