import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { MANAGED_RULE_GROUPS, RATE_LIMIT_PER_IP } from "../../../infra/constructs/web-acl.construct.js";
import { apiVersions, operationFunctions } from "../../../infra/operations/operation-functions.js";
import { resourcesOfType, synthTestApp, testConfig } from "../../../infra/testing/test-app.js";

// What cdk-nag's AwsSolutions pack asked for (test/infra/app/cdk-nag.test.ts), checked as the templates say it.
const { stacks, template } = synthTestApp();
const [home, secondary] = stacks.regions;
if (!home || !secondary) throw new Error("the test config has two regions");
const site = template(stacks.site);
const versions = apiVersions(operationFunctions());

const webAclRules = (metricPrefix: string) => [
  ...MANAGED_RULE_GROUPS.map((name) =>
    Match.objectLike({
      Name: name,
      OverrideAction: { None: {} },
      Statement: { ManagedRuleGroupStatement: Match.objectLike({ VendorName: "AWS", Name: name }) },
    }),
  ),
  Match.objectLike({
    Name: "RatePerIp",
    Action: { Block: {} },
    Statement: { RateBasedStatement: { Limit: RATE_LIMIT_PER_IP, AggregateKeyType: "IP" } },
    VisibilityConfig: Match.objectLike({ MetricName: `${metricPrefix}-RatePerIp` }),
  }),
];

describe("the database secret's rotation", () => {
  it("rotates the home secret every 30 days, single user, inside the VPC", () => {
    const t = template(home);
    t.hasResourceProperties("AWS::SecretsManager::SecretTargetAttachment", {
      SecretId: { Ref: Match.stringLikeRegexp("^DatabaseSecret") },
      TargetType: "AWS::RDS::DBCluster",
    });
    t.hasResourceProperties("AWS::SecretsManager::RotationSchedule", {
      SecretId: { Ref: Match.stringLikeRegexp("^DatabaseSecretAttachment") },
      HostedRotationLambda: Match.objectLike({
        RotationType: "PostgreSQLSingleUser",
        VpcSecurityGroupIds: {
          "Fn::GetAtt": [Match.stringLikeRegexp("^DatabaseRotationSecurityGroup"), "GroupId"],
        },
        VpcSubnetIds: Match.anyValue(),
      }),
      RotationRules: { ScheduleExpression: "rate(30 days)" },
    });
  });

  it("lets the rotation function reach the cluster and the Secrets Manager endpoint", () => {
    const ingress = Object.values(resourcesOfType(template(home), "AWS::EC2::SecurityGroupIngress"))
      .filter((rule) => JSON.stringify(rule.Properties.SourceSecurityGroupId).includes("DatabaseRotation"))
      .map((rule) => `${JSON.stringify(rule.Properties.GroupId)} ${rule.Properties.FromPort}`);
    expect(ingress.sort()).toEqual([
      expect.stringMatching(/DatabaseClusterSecurityGroup.* 5432$/),
      expect.stringMatching(/NetworkVpcSecretsManagerSecurityGroup.* 443$/),
    ]);
  });

  it("is scheduled only where the secret is owned: replicas follow the home secret", () => {
    template(secondary).resourceCountIs("AWS::SecretsManager::RotationSchedule", 0);
  });
});

describe.each([
  ["home", home],
  ["secondary", secondary],
])("the %s region", (_name, stack) => {
  const t = template(stack);

  it("refuses alarm notifications published without TLS", () => {
    t.hasResourceProperties("AWS::SNS::TopicPolicy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: "Deny",
            Action: "sns:Publish",
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          }),
        ]),
      },
    });
  });

  it("logs every VPC flow to CloudWatch Logs, kept a month", () => {
    t.hasResourceProperties("AWS::EC2::FlowLog", {
      ResourceType: "VPC",
      TrafficType: "ALL",
      LogDestinationType: "cloud-watch-logs",
      LogGroupName: { Ref: Match.stringLikeRegexp("^NetworkFlowLogs") },
    });
    const [flowLogs] = Object.entries(resourcesOfType(t, "AWS::Logs::LogGroup")).filter(([id]) =>
      id.startsWith("NetworkFlowLogs"),
    );
    expect(flowLogs?.[1].Properties.RetentionInDays).toBe(30);
  });

  it("puts every stage, live and preview, behind one REGIONAL web ACL", () => {
    t.hasResourceProperties("AWS::WAFv2::WebACL", {
      Scope: "REGIONAL",
      DefaultAction: { Allow: {} },
      Rules: webAclRules("cellar-api"),
    });
    // Bulk imports are larger than the common rule set's 8 KB body limit: that rule only counts.
    t.hasResourceProperties("AWS::WAFv2::WebACL", {
      Rules: Match.arrayWith([
        Match.objectLike({
          Statement: {
            ManagedRuleGroupStatement: Match.objectLike({
              RuleActionOverrides: [{ Name: "SizeRestrictions_BODY", ActionToUse: { Count: {} } }],
            }),
          },
        }),
      ]),
    });
    const stages = Object.keys(resourcesOfType(t, "AWS::ApiGateway::Stage"));
    expect(stages).toHaveLength(versions.length * 2);
    const associated = Object.values(resourcesOfType(t, "AWS::WAFv2::WebACLAssociation")).map(
      (association) => association.DependsOn ?? [],
    );
    for (const stage of stages) expect(associated.filter((deps) => deps.includes(stage))).toHaveLength(1);
  });
});

describe("the site", () => {
  it("logs the bucket's and CloudFront's access to an encrypted, expiring log bucket that takes ACLs", () => {
    site.hasResourceProperties("AWS::S3::Bucket", {
      OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerPreferred" }] },
      BucketEncryption: Match.anyValue(),
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 90, Status: "Enabled" })] },
    });
    site.hasResourceProperties("AWS::S3::Bucket", {
      LoggingConfiguration: {
        DestinationBucketName: { Ref: Match.stringLikeRegexp("^Logs") },
        LogFilePrefix: "s3/",
      },
    });
    site.hasResourceProperties("AWS::CloudFront::Distribution", {
      DistributionConfig: Match.objectLike({
        Logging: {
          Bucket: { "Fn::GetAtt": [Match.stringLikeRegexp("^Logs"), "RegionalDomainName"] },
          Prefix: "cloudfront/",
        },
        WebACLId: { "Fn::GetAtt": [Match.stringLikeRegexp("^WebAcl"), "Arn"] },
      }),
    });
  });

  it("has a CLOUDFRONT-scoped web ACL, which AWS accepts only in us-east-1", () => {
    expect(stacks.site.region).toBe("us-east-1");
    site.hasResourceProperties("AWS::WAFv2::WebACL", {
      Scope: "CLOUDFRONT",
      Rules: webAclRules("cellar-site"),
    });
  });
});

describe("waf.enabled: false", () => {
  const bare = synthTestApp(testConfig({ waf: { enabled: false } }));
  it("leaves out every web ACL and association", () => {
    for (const stack of [bare.stacks.site, ...bare.stacks.regions]) {
      const t = bare.template(stack);
      t.resourceCountIs("AWS::WAFv2::WebACL", 0);
      t.resourceCountIs("AWS::WAFv2::WebACLAssociation", 0);
    }
  });
});
