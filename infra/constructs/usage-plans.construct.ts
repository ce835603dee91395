import * as apigateway from "aws-cdk-lib/aws-apigateway";
import { Construct } from "constructs";
import type { UsagePlanTier } from "../../src/settings/usage-plan-tier.js";
import type { InfraConfig } from "../config/infra-config.js";
import { apiKeyValue } from "./api-key-values.construct.js";
import type { VersionedApi } from "./versioned-api.construct.js";

export interface UsagePlansProps {
  config: InfraConfig;
  /** Every version's API; each tier's plan covers all their stages (live and preview). */
  apis: readonly VersionedApi[];
}

/**
 * One API Gateway usage plan per tier of `config.usagePlans` (rate, burst, quota), over every stage
 * of every version, and one API key per tier for the deployment's own use (the app, the contract
 * suite), its value the same in every region (`ApiKeyValues`, in the Identity stack); partners' keys
 * are added to the `partner` plan as they sign up.
 * Keys are read from the X-API-Key header (`x-amazon-apigateway-api-key-source: HEADER` in the
 * generated definitions). https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
 * A key may belong to one usage plan per stage only, hence one key per tier.
 */
export class UsagePlans extends Construct {
  readonly plans: Record<string, apigateway.UsagePlan> = {};
  readonly keys: Record<string, apigateway.IApiKey> = {};

  constructor(scope: Construct, id: string, props: UsagePlansProps) {
    super(scope, id);
    const apiStages = props.apis.flatMap((api) =>
      Object.values(api.stages).map((stage) => ({ api: api.api, stage })),
    );
    for (const [tier, limits] of Object.entries(props.config.usagePlans).sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      const plan = new apigateway.UsagePlan(this, `${tier}Plan`, {
        name: `${props.config.name}-${tier}`,
        throttle: { rateLimit: limits.rateLimit, burstLimit: limits.burstLimit },
        ...(limits.quota ? { quota: quotaOf(limits.quota) } : {}),
        apiStages,
      });
      const key = new apigateway.ApiKey(this, `${tier}Key`, {
        apiKeyName: `${props.config.name}-${tier}`,
        description: `Cellar's own ${tier} key; x-api-key for the operations that require one`,
        value: apiKeyValue(props.config, tier),
      });
      plan.addApiKey(key);
      this.plans[tier] = plan;
      this.keys[tier] = key;
    }
  }
}

function quotaOf(quota: NonNullable<UsagePlanTier["quota"]>): apigateway.QuotaSettings {
  return { limit: quota.limit, period: apigateway.Period[quota.period] };
}
