import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";

/**
 * Route 53 publishes health-check metrics in US East (N. Virginia) only: "Route 53 metrics are not
 * available if you select any other region as the current region."
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/monitoring-health-checks.html
 * So alarms on them (and the SNS topic they notify, which must be in the alarm's region) live in a
 * us-east-1 stack, and dashboards elsewhere name the region on the metric.
 */
export const ROUTE53_METRICS_REGION = "us-east-1";

/**
 * HealthCheckStatus (namespace AWS/Route53, dimension HealthCheckId): 1 healthy, 0 unhealthy, per
 * minute. Minimum, so one unhealthy minute counts.
 */
export function healthCheckStatusMetric(healthCheckId: string): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: "AWS/Route53",
    metricName: "HealthCheckStatus",
    dimensionsMap: { HealthCheckId: healthCheckId },
    statistic: cloudwatch.Stats.MINIMUM,
    period: Duration.minutes(1),
    region: ROUTE53_METRICS_REGION,
  });
}
