import { describe, expect, it } from "vitest";
import { createUsagePlans, quotaPeriodOf } from "../../src/local/usage-plans.js";
import { LOCAL_API_KEYS, type LocalApiKey } from "../../src/settings/api-keys.js";
import { API_KEY_VALUE, usagePlanTierProblems } from "../../src/settings/usage-plan-tier.js";

const key = (tier: LocalApiKey["tier"], value = "testKeyValue000000000001"): LocalApiKey => ({
  name: "test",
  value,
  tier,
});

/** A clock the test moves by hand: no sleeps, no wall-clock bounds. */
function fakeClock(start = Date.UTC(2026, 11, 3, 12, 0, 0)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("the local stage's usage plans", () => {
  it("refuses a missing and an unknown key as INVALID_API_KEY", () => {
    const plans = createUsagePlans([key({ rateLimit: 1, burstLimit: 1 })]);
    expect(plans.admit(undefined)).toMatchObject({ ok: false, response: "INVALID_API_KEY" });
    expect(plans.admit("someOtherKeyValue0000001")).toMatchObject({ ok: false, response: "INVALID_API_KEY" });
  });

  it("lets a burst through, throttles the next request, and refills at the rate", () => {
    const clock = fakeClock();
    const plans = createUsagePlans([key({ rateLimit: 2, burstLimit: 3 })], clock.now);
    const admit = () => plans.admit("testKeyValue000000000001");
    for (let i = 0; i < 3; i++) expect(admit().ok).toBe(true);
    expect(admit()).toMatchObject({ ok: false, response: "THROTTLED" });
    clock.advance(499);
    expect(admit()).toMatchObject({ ok: false, response: "THROTTLED" });
    clock.advance(1);
    expect(admit().ok).toBe(true);
    expect(admit()).toMatchObject({ ok: false, response: "THROTTLED" });
    // Idle for long: the bucket holds no more than the burst.
    clock.advance(60_000);
    for (let i = 0; i < 3; i++) expect(admit().ok).toBe(true);
    expect(admit().ok).toBe(false);
  });

  it("spends the quota, refuses with QUOTA_EXCEEDED until the period turns, then counts afresh", () => {
    const clock = fakeClock(Date.UTC(2026, 11, 3, 23, 59, 0));
    const plans = createUsagePlans(
      [key({ rateLimit: 100, burstLimit: 100, quota: { limit: 2, period: "DAY" } })],
      clock.now,
    );
    const admit = () => plans.admit("testKeyValue000000000001");
    expect(admit().ok).toBe(true);
    expect(admit().ok).toBe(true);
    expect(admit()).toMatchObject({ ok: false, response: "QUOTA_EXCEEDED" });
    clock.advance(59_000);
    expect(admit()).toMatchObject({ ok: false, response: "QUOTA_EXCEEDED" });
    clock.advance(1_000);
    expect(admit().ok).toBe(true);
  });

  it("does not count a throttled request against the quota", () => {
    const clock = fakeClock();
    const plans = createUsagePlans(
      [key({ rateLimit: 1, burstLimit: 1, quota: { limit: 2, period: "DAY" } })],
      clock.now,
    );
    const admit = () => plans.admit("testKeyValue000000000001");
    expect(admit().ok).toBe(true);
    expect(admit()).toMatchObject({ response: "THROTTLED" });
    clock.advance(1_000);
    expect(admit().ok).toBe(true);
    clock.advance(1_000);
    expect(admit()).toMatchObject({ response: "QUOTA_EXCEEDED" });
  });

  it("meters each key on its own", () => {
    const plans = createUsagePlans(
      [
        key({ rateLimit: 1, burstLimit: 1 }, "firstKeyValue00000000001"),
        key({ rateLimit: 1, burstLimit: 1 }, "secondKeyValue0000000001"),
      ],
      () => 0,
    );
    expect(plans.admit("firstKeyValue00000000001").ok).toBe(true);
    expect(plans.admit("firstKeyValue00000000001").ok).toBe(false);
    expect(plans.admit("secondKeyValue0000000001").ok).toBe(true);
  });

  it("names quota periods in UTC, weeks from Monday", () => {
    const wednesday = Date.UTC(2026, 11, 2, 10);
    expect(quotaPeriodOf("DAY", wednesday)).toBe("2026-12-02");
    expect(quotaPeriodOf("WEEK", wednesday)).toBe("2026-11-30");
    expect(quotaPeriodOf("WEEK", Date.UTC(2026, 10, 30, 0))).toBe("2026-11-30");
    expect(quotaPeriodOf("WEEK", Date.UTC(2026, 10, 29, 23, 59))).toBe("2026-11-23");
    expect(quotaPeriodOf("MONTH", wednesday)).toBe("2026-12");
  });

  it("ships local keys in API Gateway's key format, with valid tiers", () => {
    for (const local of Object.values(LOCAL_API_KEYS)) {
      expect(local.value).toMatch(API_KEY_VALUE);
      expect(usagePlanTierProblems(local.name, local.tier)).toEqual([]);
    }
    expect(new Set(Object.values(LOCAL_API_KEYS).map((local) => local.value)).size).toBe(3);
  });

  it("names what is wrong with a tier", () => {
    expect(
      usagePlanTierProblems("bad", { rateLimit: 0, burstLimit: 0.5, quota: { limit: 0, period: "DAY" } }),
    ).toEqual([
      "bad: rateLimit must be > 0",
      "bad: burstLimit must be an integer >= 1",
      "bad: quota.limit must be an integer >= 1",
    ]);
  });
});
