import { SecretValue } from "aws-cdk-lib";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import type { InfraConfig } from "../config/infra-config.js";
import { acknowledgeOnce } from "./nag-acknowledgements.js";

/** The tier of the app's own key (the mobile app's and the demo's), whose value the demo's /config.json carries. */
export const APP_TIER = "app";

/**
 * API keys are regional: a key API Gateway generates in one region is unknown to the others, so with
 * Route 53 latency routing a caller would be refused wherever its key was not made. Keys whose value
 * is given (imported) are the same key in every region that has that value.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-setup-api-key-with-console.html#api-gateway-usage-pan-import-apikey
 * So each tier's own key value is generated once, as a secret in the home region replicated to every
 * other region, and each region's key takes its value from its own replica (a dynamic reference
 * resolves in the stack's region): https://docs.aws.amazon.com/secretsmanager/latest/userguide/create-manage-multi-region-secrets.html
 */
export function apiKeySecretName(config: Pick<InfraConfig, "name">, tier: string): string {
  return `${config.name}/api-keys/${tier}`;
}

/** The value a region's key for `tier` takes: a CloudFormation dynamic reference, never the value itself. */
export function apiKeyValue(config: Pick<InfraConfig, "name">, tier: string): string {
  return SecretValue.secretsManager(apiKeySecretName(config, tier)).unsafeUnwrap();
}

export interface ApiKeyValuesProps {
  config: InfraConfig;
  /** Every region but the secrets' own: where the replicas go. */
  replicaRegions: readonly string[];
}

/** One generated key value per usage-plan tier, replicated to every region (see `apiKeySecretName`). */
export class ApiKeyValues extends Construct {
  readonly secrets: Record<string, secretsmanager.Secret> = {};

  constructor(scope: Construct, id: string, props: ApiKeyValuesProps) {
    super(scope, id);
    for (const tier of Object.keys(props.config.usagePlans).sort()) {
      const secret = new secretsmanager.Secret(this, `${tier}KeyValue`, {
        secretName: apiKeySecretName(props.config, tier),
        description: `Value of Cellar's own ${tier} API key, the same in every region`,
        // API Gateway takes 20 to 128 characters: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-key-file-format.html
        generateSecretString: { passwordLength: 40, excludePunctuation: true },
        replicaRegions: props.replicaRegions.map((region) => ({ region })),
      });
      acknowledgeOnce(
        secret,
        "AwsSolutions-SMG4",
        "An API key's value cannot be rotated in place: the apps and partners holding it would be refused; keys are replaced by adding a new key to the plan",
      );
      this.secrets[tier] = secret;
    }
  }
}
