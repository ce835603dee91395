import * as wafv2 from "aws-cdk-lib/aws-wafv2";
import { Construct } from "constructs";

/** Requests one client IP may send in any 5 minutes before WAF blocks it (API Gateway's throttling still applies). */
export const RATE_LIMIT_PER_IP = 2000;

/**
 * AWS managed rule groups, in priority order. The common rule set blocks request bodies over 8 KB
 * (its rule `SizeRestrictions_BODY`); bulk imports (`createImportV2`) are larger by design, so that
 * rule only counts on the APIs, whose bodies the handlers bound and validate themselves.
 * https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html
 */
export const MANAGED_RULE_GROUPS = ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"];

export interface WebAclProps {
  /** REGIONAL for API Gateway stages; CLOUDFRONT only in us-east-1. */
  scope: "REGIONAL" | "CLOUDFRONT";
  /** CloudWatch metric name prefix. */
  name: string;
  /** Rules of the managed groups that only count instead of blocking. */
  countOnly?: Record<string, string[]>;
}

const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

/** One web ACL: the managed rule groups above, then a per-IP rate limit; everything else is allowed. */
export class WebAcl extends Construct {
  readonly acl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const managed = MANAGED_RULE_GROUPS.map(
      (name, priority): wafv2.CfnWebACL.RuleProperty => ({
        name,
        priority,
        overrideAction: { none: {} },
        statement: {
          managedRuleGroupStatement: {
            vendorName: "AWS",
            name,
            ruleActionOverrides: props.countOnly?.[name]?.map((rule) => ({
              name: rule,
              actionToUse: { count: {} },
            })),
          },
        },
        visibilityConfig: visibility(`${props.name}-${name}`),
      }),
    );
    this.acl = new wafv2.CfnWebACL(this, "Acl", {
      scope: props.scope,
      defaultAction: { allow: {} },
      visibilityConfig: visibility(props.name),
      rules: [
        ...managed,
        {
          name: "RatePerIp",
          priority: managed.length,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: RATE_LIMIT_PER_IP, aggregateKeyType: "IP" } },
          visibilityConfig: visibility(`${props.name}-RatePerIp`),
        },
      ],
    });
  }
}
