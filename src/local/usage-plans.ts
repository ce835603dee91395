import type { LocalApiKey } from "../settings/api-keys.js";
import type { QuotaPeriod, UsagePlanTier } from "../settings/usage-plan-tier.js";

/** What API Gateway decides for a request to a method that requires an API key. */
export type UsageVerdict =
  | { ok: true; key: LocalApiKey }
  | { ok: false; response: "INVALID_API_KEY" | "THROTTLED" | "QUOTA_EXCEEDED"; detail: string };

export interface UsagePlans {
  admit(apiKey: string | undefined): UsageVerdict;
}

/** The quota period a moment falls in (UTC), so counts reset when a new day, week or month starts. */
export function quotaPeriodOf(period: QuotaPeriod, epochMs: number): string {
  const date = new Date(epochMs);
  const day = date.toISOString().slice(0, 10);
  if (period === "DAY") return day;
  if (period === "MONTH") return day.slice(0, 7);
  // Weeks start on Monday (ISO 8601); the period is named after that Monday.
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - sinceMonday))
    .toISOString()
    .slice(0, 10);
}

interface Meter {
  tokens: number;
  refilledAt: number;
  period: string;
  used: number;
}

/**
 * The local stage's usage plans: each key's quota per period and a token bucket (refilled at
 * `rateLimit` per second, holding at most `burstLimit`), in memory, on an injectable clock. A request
 * refused for its quota or rate uses up neither.
 */
export function createUsagePlans(keys: readonly LocalApiKey[], now: () => number = Date.now): UsagePlans {
  const byValue = new Map(keys.map((key) => [key.value, key]));
  const meters = new Map<string, Meter>();
  const meterOf = (key: LocalApiKey, at: number): Meter => {
    let meter = meters.get(key.value);
    if (!meter) {
      meter = { tokens: key.tier.burstLimit, refilledAt: at, period: "", used: 0 };
      meters.set(key.value, meter);
    }
    return meter;
  };
  return {
    admit(apiKey) {
      // API Gateway's own wording for both a missing and an unknown key.
      const key = apiKey === undefined ? undefined : byValue.get(apiKey);
      if (!key) return { ok: false, response: "INVALID_API_KEY", detail: "Forbidden" };
      const at = now();
      const meter = meterOf(key, at);
      const tier: UsagePlanTier = key.tier;
      if (tier.quota) {
        const period = quotaPeriodOf(tier.quota.period, at);
        if (period !== meter.period) {
          meter.period = period;
          meter.used = 0;
        }
        if (meter.used >= tier.quota.limit) {
          return { ok: false, response: "QUOTA_EXCEEDED", detail: "Limit Exceeded" };
        }
      }
      const elapsedSeconds = Math.max(0, at - meter.refilledAt) / 1000;
      meter.tokens = Math.min(tier.burstLimit, meter.tokens + elapsedSeconds * tier.rateLimit);
      meter.refilledAt = at;
      if (meter.tokens < 1) return { ok: false, response: "THROTTLED", detail: "Too Many Requests" };
      meter.tokens -= 1;
      meter.used += 1;
      return { ok: true, key };
    },
  };
}
