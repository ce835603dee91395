import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { defineInfraConfig } from "../../../infra/config/infra-config.js";
import { apiKeySecretName } from "../../../infra/constructs/api-key-values.construct.js";
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

  it("gives each tier a key of its own, associated with its plan", () => {
    region.resourceCountIs("AWS::ApiGateway::ApiKey", 2);
    region.hasResourceProperties("AWS::ApiGateway::ApiKey", { Name: "cellar-metered" });
    region.resourceCountIs("AWS::ApiGateway::UsagePlanKey", 2);
    region.hasResourceProperties("AWS::ApiGateway::UsagePlanKey", { KeyType: "API_KEY" });
  });
});

describe("a tier's key is the same key in every region", () => {
  const identity = template(stacks.identity);
  const keyValues = (stack: (typeof stacks.regions)[number]) =>
    Object.fromEntries(
      Object.values(template(stack).findResources("AWS::ApiGateway::ApiKey")).map((resource) => {
        const { Name, Value } = (resource as { Properties: { Name: string; Value: unknown } }).Properties;
        return [Name, Value];
      }),
    );

  it("generates each tier's value once, in the home region, replicated to every other region", () => {
    identity.resourceCountIs("AWS::SecretsManager::Secret", 2);
    for (const tier of ["metered", "standard"]) {
      identity.hasResourceProperties("AWS::SecretsManager::Secret", {
        Name: apiKeySecretName(testConfig(), tier),
        // API Gateway accepts key values of 20 to 128 characters.
        GenerateSecretString: { PasswordLength: 40, ExcludePunctuation: true },
        ReplicaRegions: [{ Region: "eu-west-1" }],
      });
    }
    expect(stacks.identity.region).toBe("us-east-1");
  });

  it("gives every region's key the value of that tier's secret (its regional replica), never a generated one", () => {
    const [first, ...others] = stacks.regions.map(keyValues);
    expect(Object.keys(first!).sort()).toEqual(["cellar-metered", "cellar-standard"]);
    expect(first!["cellar-metered"]).toBe(
      `{{resolve:secretsmanager:${apiKeySecretName(testConfig(), "metered")}:SecretString:::}}`,
    );
    for (const other of others) expect(other).toEqual(first);
    expect(others).toHaveLength(1);
  });

  it("deploys every region after the stack that makes the values", () => {
    for (const region of stacks.regions) expect(region.dependencies).toContain(stacks.identity);
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
