import type { App } from "aws-cdk-lib";
import type { LambdaBundles } from "../bundle/lambda-bundles.js";
import type { InfraConfig } from "../config/infra-config.js";
import { APP_TIER, apiKeySecretName } from "../constructs/api-key-values.construct.js";
import { ROUTE53_METRICS_REGION } from "../constructs/health-check-alarm.js";
import { type OperationFunction, operationFunctions } from "../operations/operation-functions.js";
import { HealthAlarmsStack } from "../stacks/health-alarms.stack.js";
import { IdentityStack } from "../stacks/identity.stack.js";
import { RegionStack } from "../stacks/region.stack.js";
import { SiteStack } from "../stacks/site.stack.js";

export interface CellarStacks {
  identity: IdentityStack;
  site: SiteStack;
  /** In config order: the first is the home region. */
  regions: RegionStack[];
  /** us-east-1: alarms on every region's Route 53 health checks, deployed after the regions. */
  healthAlarms: HealthAlarmsStack;
}

/** CloudFront takes certificates from us-east-1 only, so the site stack always lives there. */
export const SITE_REGION = "us-east-1";

export const stackPrefix = (config: InfraConfig): string =>
  config.name.charAt(0).toUpperCase() + config.name.slice(1);

/**
 * The whole deployment: identity (home region), the site (us-east-1) and one stack per region. Every
 * stack has an explicit account and region, so nothing is looked up and cross-region references
 * (the user pool, the database secret) are carried by CDK's SSM-backed cross-region exports.
 */
export function addCellarStacks(
  app: App,
  config: InfraConfig,
  bundles: LambdaBundles,
  operations: readonly OperationFunction[] = operationFunctions(),
): CellarStacks {
  // Strong references: a stack exporting a value (the user pool, the secret) cannot drop it while
  // another stack still reads it. Said explicitly, so CDK does not warn about its default.
  app.node.setContext("@aws-cdk/core:defaultCrossStackReferences", "strong");
  const prefix = stackPrefix(config);
  const [home, ...others] = config.regions;
  if (!home) throw new Error("config.regions is empty");
  const env = (region: string) => ({ account: config.account, region });
  const common = { crossRegionReferences: true, tags: { project: config.name } };

  const identity = new IdentityStack(app, `${prefix}-Identity`, { ...common, env: env(home.region), config });
  const userPool = { userPoolId: identity.userPool.userPoolId, userPoolArn: identity.userPool.userPoolArn };

  const primary = new RegionStack(app, `${prefix}-${home.region}`, {
    ...common,
    env: env(home.region),
    description: `Cellar API in ${home.region} (home region: database writer, migrations)`,
    config,
    regionConfig: home,
    operations,
    bundles,
    userPool,
    databaseRole: { kind: "primary", replicaRegions: others.map((other) => other.region) },
  });
  const secondaries = others.map(
    (regionConfig) =>
      new RegionStack(app, `${prefix}-${regionConfig.region}`, {
        ...common,
        env: env(regionConfig.region),
        description: `Cellar API in ${regionConfig.region}`,
        config,
        regionConfig,
        operations,
        bundles,
        userPool,
        databaseRole: { kind: "secondary", primarySecretArn: primary.database.secret.secretArn },
      }),
  );

  const site = new SiteStack(app, `${prefix}-Site`, {
    ...common,
    env: env(SITE_REGION),
    config,
    // The API's origin without a version (the demo's SDK appends /v2) and the home region's pool.
    appConfig: {
      apiBaseUrl: `https://${config.domain.apiDomainName}`,
      cognito: {
        region: home.region,
        userPoolId: identity.userPool.userPoolId,
        clientId: identity.userPoolClient.userPoolClientId,
      },
    },
    // The app tier's key, the same in every region (api-key-values.construct.ts), read from the home region.
    ...(config.usagePlans[APP_TIER]
      ? { appApiKey: { secretName: apiKeySecretName(config, APP_TIER), region: home.region } }
      : {}),
  });
  // The key's value is made by the Identity stack.
  site.addStackDependency(identity);
  const regions = [primary, ...secondaries];
  const healthAlarms = new HealthAlarmsStack(app, `${prefix}-HealthAlarms`, {
    ...common,
    env: env(ROUTE53_METRICS_REGION),
    description:
      "Cellar: alarms on the regions' Route 53 health checks (Route 53 metrics are in us-east-1 only)",
    config,
    healthChecks: regions.flatMap((stack) =>
      [...stack.domain.versionHealthChecks].map(([version, check]) => ({
        region: stack.region,
        version,
        healthCheckId: check.healthCheckId,
      })),
    ),
  });
  return { identity, site, regions, healthAlarms };
}
