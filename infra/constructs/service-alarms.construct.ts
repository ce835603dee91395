import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import type * as sns from "aws-cdk-lib/aws-sns";
import { Construct } from "constructs";

/**
 * Above this share of its ceiling (ACUUtilization, percent), a cluster has no room left to scale:
 * raise `database.maxCapacity`. AWS: "If this metric approaches a value of 100.0, the DB instance has
 * scaled up as high as it can."
 */
export const ACU_UTILIZATION_ALARM_PERCENT = 90;
/**
 * Connections on the cluster's instance. Aurora PostgreSQL Serverless v2 caps `max_connections` at
 * 2000 with a 0.5 ACU floor (higher floors allow more); half of that is an early warning either way.
 */
export const DATABASE_CONNECTIONS_ALARM = 1000;
/** RDS Proxy reports borrow latency in microseconds: 100 ms of waiting for a pooled connection. */
export const PROXY_BORROW_LATENCY_ALARM_MICROSECONDS = 100_000;

/** The metrics one region's dashboard and alarms read, built once (see RegionDashboard). */
export interface DatabaseMetricsSource {
  /** The cluster's (only) instance: Aurora Serverless v2 reports capacity per instance. */
  instanceIdentifier: string;
  /** Absent with `database.proxy: false`. */
  proxyName: string | undefined;
}

/**
 * Aurora Serverless v2 metrics, namespace AWS/RDS, dimension DBInstanceIdentifier: ServerlessDatabaseCapacity
 * (ACUs), ACUUtilization (percent of the maximum) and DatabaseConnections.
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2.setting-capacity.html#aurora-serverless-v2.viewing.monitoring
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.AuroraMySQL.Monitoring.Metrics.html
 */
export function auroraMetric(
  instanceIdentifier: string,
  metricName: "ServerlessDatabaseCapacity" | "ACUUtilization" | "DatabaseConnections",
  statistic: string = cloudwatch.Stats.MAXIMUM,
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: "AWS/RDS",
    metricName,
    dimensionsMap: { DBInstanceIdentifier: instanceIdentifier },
    statistic,
    period: Duration.minutes(5),
  });
}

/**
 * RDS Proxy metrics, namespace AWS/RDS, dimension set 1 (`ProxyName`): ClientConnections (current client
 * connections) and DatabaseConnectionsBorrowLatency (microseconds to get a pooled connection).
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-proxy.monitoring.html
 */
export function proxyMetric(
  proxyName: string,
  metricName: "ClientConnections" | "DatabaseConnectionsBorrowLatency",
  statistic: string = cloudwatch.Stats.AVERAGE,
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: "AWS/RDS",
    metricName,
    dimensionsMap: { ProxyName: proxyName },
    statistic,
    period: Duration.minutes(5),
  });
}

/**
 * Lambda's per-function metrics (namespace AWS/Lambda, dimension FunctionName, every version and
 * alias): Errors and Throttles, both counts to read with Sum.
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics.html (and the operator guide, https://docs.aws.amazon.com/lambda/latest/operatorguide/important-metrics.html)
 */
export function functionMetric(fn: lambda.IFunction, metricName: "Errors" | "Throttles"): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: "AWS/Lambda",
    metricName,
    dimensionsMap: { FunctionName: fn.functionName },
    statistic: cloudwatch.Stats.SUM,
    period: Duration.minutes(5),
  });
}

/**
 * The region's functions and database, watched: per function one alarm on its errors plus throttles
 * (one alarm, not two, keeps the template under CloudFormation's 500 resources), Aurora near its
 * ceiling or with many connections, RDS Proxy keeping clients waiting. All to the region's alarm topic.
 */
export class ServiceAlarms extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];
  private readonly action: actions.SnsAction;

  constructor(
    scope: Construct,
    id: string,
    props: {
      topic: sns.ITopic;
      functions: ReadonlyMap<string, lambda.IFunction>;
      database: DatabaseMetricsSource;
    },
  ) {
    super(scope, id);
    this.action = new actions.SnsAction(props.topic);
    for (const [name, fn] of props.functions) {
      this.add(`${name}ErrorsOrThrottles`, {
        alarmDescription: `${name}: an invocation failed or was throttled`,
        metric: new cloudwatch.MathExpression({
          expression: "FILL(errors, 0) + FILL(throttles, 0)",
          usingMetrics: { errors: functionMetric(fn, "Errors"), throttles: functionMetric(fn, "Throttles") },
          period: Duration.minutes(5),
        }),
        threshold: 0,
        evaluationPeriods: 1,
      });
    }
    const { instanceIdentifier, proxyName } = props.database;
    this.add("DatabaseCapacityCeiling", {
      alarmDescription: `Aurora above ${ACU_UTILIZATION_ALARM_PERCENT}% of its maximum capacity: raise database.maxCapacity`,
      metric: auroraMetric(instanceIdentifier, "ACUUtilization"),
      threshold: ACU_UTILIZATION_ALARM_PERCENT,
      evaluationPeriods: 3,
    });
    this.add("DatabaseConnections", {
      alarmDescription: `More than ${DATABASE_CONNECTIONS_ALARM} connections on the Aurora instance`,
      metric: auroraMetric(instanceIdentifier, "DatabaseConnections"),
      threshold: DATABASE_CONNECTIONS_ALARM,
      evaluationPeriods: 2,
    });
    if (proxyName !== undefined) {
      this.add("ProxyBorrowLatency", {
        alarmDescription: "RDS Proxy keeps clients waiting more than 100 ms for a database connection",
        metric: proxyMetric(proxyName, "DatabaseConnectionsBorrowLatency"),
        threshold: PROXY_BORROW_LATENCY_ALARM_MICROSECONDS,
        evaluationPeriods: 3,
      });
    }
  }

  private add(
    id: string,
    props: Pick<cloudwatch.AlarmProps, "alarmDescription" | "metric" | "threshold" | "evaluationPeriods">,
  ): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      ...props,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
  }
}
