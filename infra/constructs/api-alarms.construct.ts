import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";
import { apiName, stageName } from "../../src/topology/topology.js";
import type { InfraConfig } from "../config/infra-config.js";

/**
 * An API Gateway metric of a live stage, named by its literal API and stage names rather than by a
 * reference to the stage: the live stage waits for the live aliases, whose deployment groups watch
 * these alarms, so a reference would close a dependency cycle.
 */
export function liveStageMetric(
  config: InfraConfig,
  version: string,
  props: Omit<cloudwatch.MetricProps, "namespace" | "dimensionsMap">,
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: "AWS/ApiGateway",
    dimensionsMap: { ApiName: apiName(version, config.name), Stage: stageName(version, "live") },
    ...props,
  });
}

/** Per live stage: share of 5xx answers and p99 latency, both to one SNS topic per region. */
export class ApiAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  /** By API version: the live stage's 5xx alarm, which also stops a release's traffic shifting. */
  readonly serverErrorAlarms = new Map<string, cloudwatch.Alarm>();

  constructor(scope: Construct, id: string, props: { config: InfraConfig; versions: readonly string[] }) {
    super(scope, id);
    const { config } = props;
    // Publishers must use HTTPS: the topic policy denies aws:SecureTransport=false (cdk-nag AwsSolutions-SNS3).
    this.topic = new sns.Topic(this, "Topic", { displayName: `${config.name} API alarms`, enforceSSL: true });
    if (config.alarms.email)
      this.topic.addSubscription(new subscriptions.EmailSubscription(config.alarms.email));
    const action = new actions.SnsAction(this.topic);

    for (const version of props.versions) {
      const stage = stageName(version, "live");
      // 5XXError is 0 or 1 per request, so its average over a minute is the 5xx rate.
      const serverErrors = new cloudwatch.Alarm(this, `${stage}ServerErrorRate`, {
        alarmDescription: `More than ${config.alarms.serverErrorRate * 100}% of ${stage} requests answered 5xx`,
        metric: liveStageMetric(config, version, {
          metricName: "5XXError",
          statistic: cloudwatch.Stats.AVERAGE,
          period: Duration.minutes(1),
        }),
        threshold: config.alarms.serverErrorRate,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      const latency = new cloudwatch.Alarm(this, `${stage}P99Latency`, {
        alarmDescription: `${stage} p99 latency above ${config.alarms.p99LatencyMs} ms`,
        metric: liveStageMetric(config, version, {
          metricName: "Latency",
          statistic: cloudwatch.Stats.p(99),
          period: Duration.minutes(5),
        }),
        threshold: config.alarms.p99LatencyMs,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      for (const alarm of [serverErrors, latency]) {
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
        this.alarms.push(alarm);
      }
      this.serverErrorAlarms.set(version, serverErrors);
    }
  }
}
