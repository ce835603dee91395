import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { ROUTE53_METRICS_REGION } from "../../infra/constructs/health-check-alarm.js";
import {
  ACU_UTILIZATION_ALARM_PERCENT,
  DATABASE_CONNECTIONS_ALARM,
  PROXY_BORROW_LATENCY_ALARM_MICROSECONDS,
} from "../../infra/constructs/service-alarms.construct.js";
import { operationFunctions } from "../../infra/operations/operation-functions.js";
import { workerQueues } from "../../infra/queues/queue-workers.js";
import { resourcesOfType, synthTestApp, testConfig } from "../../infra/testing/test-app.js";
import { healthCheckPath } from "../../src/topology/topology.js";

/**
 * The alarms and dashboards in the synthesized templates, each metric named as AWS documents it
 * (pages cited next to the metric builders in infra/constructs/service-alarms.construct.ts and
 * health-check-alarm.ts).
 */
const { stacks, template } = synthTestApp();
const [home, secondary] = stacks.regions;
if (!home || !secondary) throw new Error("the test config has two regions");

type Alarm = { Properties: Record<string, unknown> };
const alarmsOf = (stack: Parameters<typeof template>[0]): Alarm[] =>
  Object.values(resourcesOfType(template(stack), "AWS::CloudWatch::Alarm"));
/** A metric as CloudFormation writes it: namespace, name and the names of its dimensions. */
const metric = (namespace: string, metricName: string, dimensions: string[]) => ({
  Namespace: namespace,
  MetricName: metricName,
  Dimensions: dimensions.map((name) => ({ Name: name, Value: expect.anything() })),
});

describe.each([
  ["home", home],
  ["secondary", secondary],
])("the %s region's alarms", (_, stack) => {
  const alarms = alarmsOf(stack);

  it("watch every function's Errors and Throttles (AWS/Lambda, FunctionName), each notifying the topic", () => {
    const perFunction = alarms.filter((alarm) => alarm.Properties.Metrics !== undefined);
    expect(perFunction).toHaveLength(operationFunctions().length + workerQueues().length);
    for (const alarm of perFunction) {
      expect(alarm.Properties).toMatchObject({
        Threshold: 0,
        ComparisonOperator: "GreaterThanThreshold",
        AlarmActions: [expect.anything()],
        Metrics: [
          { Expression: "FILL(errors, 0) + FILL(throttles, 0)" },
          {
            Id: "errors",
            MetricStat: { Metric: metric("AWS/Lambda", "Errors", ["FunctionName"]), Stat: "Sum" },
          },
          {
            Id: "throttles",
            MetricStat: { Metric: metric("AWS/Lambda", "Throttles", ["FunctionName"]), Stat: "Sum" },
          },
        ],
      });
    }
  });

  it("watch Aurora's capacity and connections (AWS/RDS, DBInstanceIdentifier) and RDS Proxy (AWS/RDS, ProxyName)", () => {
    const t = template(stack);
    const [instanceId] = Object.keys(resourcesOfType(t, "AWS::RDS::DBInstance"));
    const [proxyId] = Object.keys(resourcesOfType(t, "AWS::RDS::DBProxy"));
    const expected = [
      {
        ...metric("AWS/RDS", "ACUUtilization", ["DBInstanceIdentifier"]),
        Threshold: ACU_UTILIZATION_ALARM_PERCENT,
      },
      {
        ...metric("AWS/RDS", "DatabaseConnections", ["DBInstanceIdentifier"]),
        Threshold: DATABASE_CONNECTIONS_ALARM,
      },
      {
        ...metric("AWS/RDS", "DatabaseConnectionsBorrowLatency", ["ProxyName"]),
        Threshold: PROXY_BORROW_LATENCY_ALARM_MICROSECONDS,
      },
    ];
    for (const properties of expected) {
      const found = alarms.filter((alarm) => alarm.Properties.MetricName === properties.MetricName);
      expect(found).toHaveLength(1);
      expect(found[0]?.Properties).toMatchObject(properties);
    }
    // The instance and the proxy are this stack's own.
    const dimensionValue = (name: string) =>
      alarms.find((alarm) => alarm.Properties.MetricName === name)?.Properties.Dimensions;
    expect(dimensionValue("ACUUtilization")).toEqual([
      { Name: "DBInstanceIdentifier", Value: { Ref: instanceId } },
    ]);
    expect(dimensionValue("DatabaseConnectionsBorrowLatency")).toEqual([
      { Name: "ProxyName", Value: { Ref: proxyId } },
    ]);
  });

  it("has one dashboard, named for the region, with the health checks read from us-east-1", () => {
    const t = template(stack);
    const dashboards = Object.values(resourcesOfType(t, "AWS::CloudWatch::Dashboard"));
    expect(dashboards).toHaveLength(1);
    expect(dashboards[0]?.Properties.DashboardName).toBe(`cellar-${stack.region}`);
    const body = JSON.stringify(
      t.toJSON().Resources[Object.keys(resourcesOfType(t, "AWS::CloudWatch::Dashboard"))[0] ?? ""],
    );
    for (const metric of [
      "HealthCheckStatus",
      "ServerlessDatabaseCapacity",
      "ACUUtilization",
      "DatabaseConnections",
      "ClientConnections",
      "DatabaseConnectionsBorrowLatency",
      "Throttles",
      "5XXError",
    ]) {
      expect(body).toContain(metric);
    }
    expect(body).toContain(`\\"region\\":\\"${ROUTE53_METRICS_REGION}\\"`);
  });

  it("has no Route 53 alarm: Route 53 publishes its metrics in us-east-1 only", () => {
    expect(alarms.filter((alarm) => alarm.Properties.Namespace === "AWS/Route53")).toEqual([]);
  });

  it("checks v2 as well as v1, each on its own path, and routes to the region only while both pass", () => {
    const t = template(stack);
    for (const version of ["v1", "v2"]) {
      t.hasResourceProperties("AWS::Route53::HealthCheck", {
        HealthCheckConfig: Match.objectLike({ Type: "HTTPS", ResourcePath: healthCheckPath(version) }),
      });
    }
    t.hasResourceProperties("AWS::Route53::HealthCheck", {
      HealthCheckConfig: Match.objectLike({ Type: "CALCULATED", HealthThreshold: 2 }),
    });
    expect(healthCheckPath("v2")).toMatch(/^\/v2\//);
  });
});

describe("the health-check alarms", () => {
  it("live in a us-east-1 stack, one per region and version, on AWS/Route53 HealthCheckStatus by HealthCheckId", () => {
    expect(stacks.healthAlarms.region).toBe(ROUTE53_METRICS_REGION);
    const alarms = alarmsOf(stacks.healthAlarms);
    expect(alarms).toHaveLength(4);
    for (const alarm of alarms) {
      expect(alarm.Properties).toMatchObject({
        ...metric("AWS/Route53", "HealthCheckStatus", ["HealthCheckId"]),
        Statistic: "Minimum",
        Threshold: 1,
        ComparisonOperator: "LessThanThreshold",
        // An alarm notifies a topic in its own region: this stack's.
        AlarmActions: [{ Ref: expect.stringMatching(/^Topic/) }],
      });
    }
  });

  it("without RDS Proxy, the region has no proxy alarm", () => {
    const plain = synthTestApp(testConfig({ database: { proxy: false } }));
    const [region] = plain.stacks.regions;
    if (!region) throw new Error("no region");
    const metrics = Object.values(resourcesOfType(plain.template(region), "AWS::CloudWatch::Alarm")).map(
      (alarm) => alarm.Properties.MetricName,
    );
    expect(metrics).not.toContain("DatabaseConnectionsBorrowLatency");
    expect(metrics).toContain("ACUUtilization");
  });
});
