import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { defineInfraConfig } from "../../../infra/config/infra-config.js";
import { synthTestApp, testConfig } from "../../../infra/testing/test-app.js";

const tiers = {
  standard: { rateLimit: 50, burstLimit: 100 },
  metered: { rateLimit: 5, burstLimit: 10, quota: { limit: 1_000, period: "WEEK" as const } },
};
const { stacks, template } = synthTestApp(testConfig({ usagePlans: tiers }));
const home = stacks.regions[0]!;

describe("usage plans from the infra config", () => {
  const region = template(home);

  it("creates one plan per tier with its rate, burst and quota", () => {
    region.resourceCountIs("AWS::ApiGateway::UsagePlan", 2);
    region.hasResourceProperties("AWS::ApiGateway::UsagePlan", {
      UsagePlanName: "cellar-standard",
      Throttle: { RateLimit: 50, BurstLimit: 100 },
      Quota: Match.absent(),
    });
    region.hasResourceProperties("AWS::ApiGateway::UsagePlan", {
      UsagePlanName: "cellar-metered",
      Throttle: { RateLimit: 5, BurstLimit: 10 },
      Quota: { Limit: 1_000, Period: "WEEK" },
    });
  });

  it("puts every stage of every version (live and preview) in each plan", () => {
    const plans = Object.values(region.findResources("AWS::ApiGateway::UsagePlan")) as Array<{
      Properties: { ApiStages: unknown[] };
    }>;
    const stageCount = Object.keys(region.findResources("AWS::ApiGateway::Stage")).length;
    expect(stageCount).toBeGreaterThanOrEqual(4);
    for (const plan of plans) expect(plan.Properties.ApiStages).toHaveLength(stageCount);
  });

  it("gives each tier a generated key of its own, associated with its plan", () => {
    region.resourceCountIs("AWS::ApiGateway::ApiKey", 2);
    region.hasResourceProperties("AWS::ApiGateway::ApiKey", {
      Name: "cellar-metered",
      Value: Match.absent(),
    });
    region.resourceCountIs("AWS::ApiGateway::UsagePlanKey", 2);
    region.hasResourceProperties("AWS::ApiGateway::UsagePlanKey", { KeyType: "API_KEY" });
  });

  it("defaults to the app, partner and low-quota tiers, and refuses a broken tier", () => {
    expect(Object.keys(testConfig().usagePlans).sort()).toEqual(["app", "lowQuota", "partner"]);
    expect(() =>
      defineInfraConfig({
        ...testConfig(),
        usagePlans: { broken: { rateLimit: 0, burstLimit: 1, quota: { limit: 0, period: "DAY" } } },
      }),
    ).toThrow(/usagePlans\.broken: rateLimit must be > 0[\s\S]*usagePlans\.broken: quota\.limit/);
  });
});
