/**
 * A usage plan tier, as API Gateway meters an API key: a steady request rate and a burst (a token
 * bucket), and an optional quota per period. The deployed tiers come from the infra config
 * (`usagePlans`), the local stage's from `api-keys.ts`; both are checked by `usagePlanTierProblems`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
 */
export interface UsagePlanTier {
  /** Requests per second, on average. */
  rateLimit: number;
  /** Requests allowed at once above the rate (the bucket's size). */
  burstLimit: number;
  quota?: { limit: number; period: QuotaPeriod };
}

/** API Gateway's quota periods (`QuotaSettings.period`). */
export const QUOTA_PERIODS = ["DAY", "WEEK", "MONTH"] as const;
export type QuotaPeriod = (typeof QUOTA_PERIODS)[number];

/**
 * What is wrong with a tier, one phrase each (empty when it is valid). API Gateway wants a burst of
 * at least one request and a positive quota.
 */
export function usagePlanTierProblems(name: string, tier: UsagePlanTier): string[] {
  const problems: string[] = [];
  if (!(tier.rateLimit > 0)) problems.push(`${name}: rateLimit must be > 0`);
  if (!Number.isInteger(tier.burstLimit) || tier.burstLimit < 1)
    problems.push(`${name}: burstLimit must be an integer >= 1`);
  if (tier.quota) {
    if (!Number.isInteger(tier.quota.limit) || tier.quota.limit < 1)
      problems.push(`${name}: quota.limit must be an integer >= 1`);
    if (!QUOTA_PERIODS.includes(tier.quota.period))
      problems.push(`${name}: quota.period must be one of ${QUOTA_PERIODS.join(", ")}`);
  }
  return problems;
}

/**
 * API key values are 20 to 128 alphanumeric characters
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html).
 */
export const API_KEY_VALUE = /^[A-Za-z0-9]{20,128}$/;
