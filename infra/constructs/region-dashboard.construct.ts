import { Stack } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import type * as route53 from "aws-cdk-lib/aws-route53";
import { Construct } from "constructs";
import type { InfraConfig } from "../config/infra-config.js";
import { liveStageMetric } from "./api-alarms.construct.js";
import { healthCheckStatusMetric } from "./health-check-alarm.js";
import {
  auroraMetric,
  type DatabaseMetricsSource,
  functionMetric,
  proxyMetric,
} from "./service-alarms.construct.js";

const FULL_WIDTH = 24;
const HALF_WIDTH = 12;

/**
 * One CloudWatch dashboard per region, `<name>-<region>`: the live stages (5xx, p99), the health
 * checks (read from us-east-1, where Route 53 publishes them), every function's errors and throttles,
 * Aurora's capacity and connections, and RDS Proxy. Dashboards cost $3 a month each beyond three.
 */
export class RegionDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(
    scope: Construct,
    id: string,
    props: {
      config: InfraConfig;
      versions: readonly string[];
      functions: ReadonlyMap<string, lambda.IFunction>;
      database: DatabaseMetricsSource;
      healthChecks: ReadonlyMap<string, route53.IHealthCheck>;
    },
  ) {
    super(scope, id);
    const { config, versions, functions, database } = props;
    const region = Stack.of(this).region;
    this.dashboard = new cloudwatch.Dashboard(this, "Dashboard", {
      dashboardName: `${config.name}-${region}`,
    });
    const graph = (title: string, left: cloudwatch.IMetric[], width = HALF_WIDTH) =>
      new cloudwatch.GraphWidget({ title, left, width });
    this.dashboard.addWidgets(
      graph(
        "Live stages: 5xx rate",
        versions.map((version) =>
          liveStageMetric(config, version, { metricName: "5XXError", statistic: cloudwatch.Stats.AVERAGE }),
        ),
      ),
      graph(
        "Live stages: p99 latency (ms)",
        versions.map((version) =>
          liveStageMetric(config, version, { metricName: "Latency", statistic: cloudwatch.Stats.p(99) }),
        ),
      ),
    );
    this.dashboard.addWidgets(
      graph(
        "Route 53 health checks (1 healthy)",
        [...props.healthChecks.entries()].map(([version, check]) =>
          healthCheckStatusMetric(check.healthCheckId).with({ label: version }),
        ),
        FULL_WIDTH,
      ),
    );
    const all = [...functions.values()];
    this.dashboard.addWidgets(
      graph(
        "Lambda errors",
        all.map((fn) => functionMetric(fn, "Errors")),
      ),
      graph(
        "Lambda throttles",
        all.map((fn) => functionMetric(fn, "Throttles")),
      ),
    );
    const { instanceIdentifier, proxyName } = database;
    this.dashboard.addWidgets(
      graph("Aurora capacity (ACU)", [
        auroraMetric(instanceIdentifier, "ServerlessDatabaseCapacity", cloudwatch.Stats.AVERAGE),
      ]),
      graph("Aurora capacity used (% of maximum)", [auroraMetric(instanceIdentifier, "ACUUtilization")]),
    );
    this.dashboard.addWidgets(
      graph("Aurora connections", [auroraMetric(instanceIdentifier, "DatabaseConnections")]),
      ...(proxyName === undefined
        ? []
        : [
            graph("RDS Proxy client connections", [proxyMetric(proxyName, "ClientConnections")]),
            graph("RDS Proxy borrow latency (µs)", [
              proxyMetric(proxyName, "DatabaseConnectionsBorrowLatency"),
            ]),
          ]),
    );
  }
}
