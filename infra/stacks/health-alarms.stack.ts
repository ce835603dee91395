import { Duration, Stack, type StackProps } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import type { Construct } from "constructs";
import type { InfraConfig } from "../config/infra-config.js";
import { healthCheckStatusMetric } from "../constructs/health-check-alarm.js";

/** One Route 53 health check of one region's live stage of one API version. */
export interface WatchedHealthCheck {
  region: string;
  version: string;
  healthCheckId: string;
}

export interface HealthAlarmsStackProps extends StackProps {
  config: InfraConfig;
  healthChecks: readonly WatchedHealthCheck[];
}

/**
 * Alarms on every region's Route 53 health checks, in us-east-1 (ROUTE53_METRICS_REGION: the only
 * region with Route 53's metrics), with a topic of their own there, since an alarm notifies a topic
 * in its own region. Deployed after the regions, whose health check ids it reads.
 */
export class HealthAlarmsStack extends Stack {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: HealthAlarmsStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.topic = new sns.Topic(this, "Topic", {
      displayName: `${config.name} health checks`,
      enforceSSL: true,
    });
    if (config.alarms.email)
      this.topic.addSubscription(new subscriptions.EmailSubscription(config.alarms.email));
    const action = new actions.SnsAction(this.topic);
    for (const { region, version, healthCheckId } of props.healthChecks) {
      const alarm = new cloudwatch.Alarm(this, `${region}${version}Unhealthy`, {
        alarmDescription: `${region}: the ${version} health check failed (Route 53 takes the region out of api.${config.domain.apiDomainName} when any version does)`,
        metric: healthCheckStatusMetric(healthCheckId).with({ period: Duration.minutes(1) }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        // No data from a health check means Route 53 is not checking it: as bad as unhealthy.
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.push(alarm);
    }
  }
}
