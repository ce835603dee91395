import type { UsagePlanTier } from "./usage-plan-tier.js";

/** One API key the local stage accepts, and the tier that meters it. */
export interface LocalApiKey {
  /** Who holds it, for logs and the banner. */
  name: string;
  /** The `x-api-key` value (API Gateway's format: 20-128 alphanumerics). */
  value: string;
  tier: UsagePlanTier;
}

/**
 * The local stage's keys (a local config: they guard nothing but a developer's laptop, so they are
 * fixed and public). `app` is the demo app's and the tests' own key, generous enough that no test is
 * ever throttled; `partner` is what a third party would get; `lowQuota` runs out after three requests
 * a day, so the contract suite can probe a 429 without sending a flood.
 */
export const LOCAL_API_KEYS = {
  app: {
    name: "cellar-app",
    value: "cellarLocalAppKey0000000000000001",
    tier: { rateLimit: 10_000, burstLimit: 10_000 },
  },
  partner: {
    name: "demo-partner",
    value: "cellarLocalPartnerKey000000000001",
    tier: { rateLimit: 50, burstLimit: 100, quota: { limit: 10_000, period: "DAY" } },
  },
  lowQuota: {
    name: "low-quota-test",
    value: "cellarLocalLowQuotaKey00000000001",
    tier: { rateLimit: 10, burstLimit: 10, quota: { limit: 3, period: "DAY" } },
  },
} as const satisfies Record<string, LocalApiKey>;
