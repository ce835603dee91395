import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseGatewayDefinition } from "../../src/local/gateway-definition.js";
import type { LambdaHandler } from "../../src/local/handler-registry.js";
import type { Logger } from "../../src/local/logger.js";
import type { GatewayMount } from "../../src/local/mounted-stage.js";
import { createLocalStage } from "../../src/local/server.js";
import { apiName, type StageRole, stageName } from "../../src/topology/topology.js";
import type { RegionalGateway } from "../../tools/gateway/aws/regional-gateway.client.js";
import { cognitoPoolAuthorizer, issuerForPool } from "./cognito-authorizer.js";

/** One role's stages of every version, read back from API Gateway as deployed. */
export interface DeployedStages {
  mounts: GatewayMount[];
  /** The user pool the imported authorizer trusts (one for all versions, or the rehearsal fails). */
  userPoolArn: string;
}

/**
 * Reads what a region actually serves: for each version, the stage's variables (GetStage) and its
 * deployed definition (GetExport with integrations and authorizers), through the gateway CLI's own
 * client on the real SDK. What the rehearsal then tests is what was imported, not the generated file.
 */
export async function readDeployedStages(
  gateway: RegionalGateway,
  app: string,
  versions: readonly string[],
  role: StageRole,
): Promise<DeployedStages> {
  const mounts: GatewayMount[] = [];
  const pools = new Set<string>();
  for (const version of versions) {
    const api = await gateway.requireApi(apiName(version, app));
    const stage = stageName(version, role);
    const { variables = {} } = await gateway.getStage(api, stage);
    const document = await gateway.exportStage(api, stage);
    for (const arn of providerArns(document)) pools.add(arn);
    mounts.push({
      basePath: version,
      definition: parseGatewayDefinition(document, `the export of ${api.name} stage ${stage}`),
      stage: { name: stage, variables },
    });
  }
  const [userPoolArn, ...others] = [...pools];
  if (!userPoolArn || others.length)
    throw new Error(`expected one user pool, the definitions name ${[...pools].join(", ") || "none"}`);
  return { mounts, userPoolArn };
}

function providerArns(document: unknown): string[] {
  const schemes = (document as { components?: { securitySchemes?: Record<string, unknown> } }).components
    ?.securitySchemes;
  return Object.values(schemes ?? {}).flatMap(
    (scheme) =>
      (scheme as { "x-amazon-apigateway-authorizer"?: { providerARNs?: string[] } })[
        "x-amazon-apigateway-authorizer"
      ]?.providerARNs ?? [],
  );
}

export interface ServedStages {
  endpoint: string;
  close(): Promise<void>;
}

/** Serves deployed stages like a custom domain with one base path mapping per version. */
export async function serveStages(
  stages: DeployedStages,
  handlers: Record<string, LambdaHandler>,
  options: { region: string; cognitoEndpoint: string; logger: Logger },
): Promise<ServedStages> {
  const server: Server = createLocalStage({
    gateways: stages.mounts,
    handlers,
    issuer: cognitoPoolAuthorizer(issuerForPool(stages.userPoolArn, options.cognitoEndpoint)),
    logger: options.logger,
    region: options.region,
    tokenEndpoint: false,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
