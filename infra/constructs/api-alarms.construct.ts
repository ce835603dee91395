import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";
import type { InfraConfig } from "../config/infra-config.js";
import type { VersionedApi } from "./versioned-api.construct.js";

/** Per stage: share of 5xx answers and p99 latency, both to one SNS topic per region. */
export class ApiAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: { config: InfraConfig; apis: readonly VersionedApi[] }) {
    super(scope, id);
    const { config } = props;
    this.topic = new sns.Topic(this, "Topic", { displayName: `${config.name} API alarms` });
    if (config.alarms.email)
      this.topic.addSubscription(new subscriptions.EmailSubscription(config.alarms.email));
    const action = new actions.SnsAction(this.topic);

    for (const { stage, stageName } of props.apis) {
      // 5XXError is 0 or 1 per request, so its average over a minute is the 5xx rate.
      const serverErrors = new cloudwatch.Alarm(this, `${stageName}ServerErrorRate`, {
        alarmDescription: `More than ${config.alarms.serverErrorRate * 100}% of ${stageName} requests answered 5xx`,
        metric: stage.metricServerError({ statistic: cloudwatch.Stats.AVERAGE, period: Duration.minutes(1) }),
        threshold: config.alarms.serverErrorRate,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      const latency = new cloudwatch.Alarm(this, `${stageName}P99Latency`, {
        alarmDescription: `${stageName} p99 latency above ${config.alarms.p99LatencyMs} ms`,
        metric: stage.metricLatency({ statistic: cloudwatch.Stats.p(99), period: Duration.minutes(5) }),
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
    }
  }
}
