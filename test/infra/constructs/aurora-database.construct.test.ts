import type { Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import {
  CONNECTION_BUDGET_PERCENT,
  connectionBorrowTimeoutSeconds,
} from "../../../infra/constructs/aurora-database.construct.js";
import { resourcesOfType, synthTestApp, testConfig } from "../../../infra/testing/test-app.js";

const config = testConfig();
const { stacks, template } = synthTestApp(config);
const [home, secondary] = stacks.regions.map((stack) => template(stack));
if (!home || !secondary) throw new Error("the test config has two regions");

type Props = Record<string, unknown>;
const only = (t: Template, type: string): [string, Props] => {
  const found = Object.entries(resourcesOfType(t, type));
  expect(found, type).toHaveLength(1);
  const [id, resource] = found[0]!;
  return [id, resource.Properties];
};

/** Every function that connects to the database, with what its DATABASE_URL is built from. */
function databaseClients(t: Template): Array<{ name: string; timeout: number; url: string; vpc: Props }> {
  return Object.values(resourcesOfType(t, "AWS::Lambda::Function")).flatMap(({ Properties: props }) => {
    const variables = (props.Environment as { Variables?: Props } | undefined)?.Variables ?? {};
    if (!("DATABASE_URL" in variables)) return [];
    return [
      {
        name: String(props.FunctionName),
        timeout: Number(props.Timeout),
        url: JSON.stringify(variables.DATABASE_URL),
        vpc: props.VpcConfig as Props,
      },
    ];
  });
}

const endpointOf = (logicalId: string) => JSON.stringify({ "Fn::GetAtt": [logicalId, "Endpoint"] });

describe("the database endpoint the functions connect to", () => {
  // A proxy whose target is a secondary cluster has no read/write instance: its default endpoint
  // fails with "The target group doesn't have any associated read/write instances"; its read-only
  // endpoints work: https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-proxy-gdb.html
  it("is, in a secondary region, the proxy's read-only endpoint in the functions' subnets, never its default", () => {
    const [proxyId, proxy] = only(secondary, "AWS::RDS::DBProxy");
    const [endpointId, endpoint] = only(secondary, "AWS::RDS::DBProxyEndpoint");
    expect(endpoint).toMatchObject({ DBProxyName: { Ref: proxyId }, TargetRole: "READ_ONLY" });
    expect(endpoint.VpcSecurityGroupIds).toEqual(proxy.VpcSecurityGroupIds);
    const clients = databaseClients(secondary);
    expect(clients.length).toBeGreaterThan(0);
    for (const client of clients) {
      expect(client.url, client.name).toContain(endpointOf(endpointId));
      expect(client.url, client.name).not.toContain(endpointOf(proxyId));
      expect(endpoint.VpcSubnetIds, client.name).toEqual(client.vpc.SubnetIds);
    }
  });

  it("is, in the home region (the writer), the proxy's default endpoint; no other endpoint exists", () => {
    const [proxyId] = only(home, "AWS::RDS::DBProxy");
    home.resourceCountIs("AWS::RDS::DBProxyEndpoint", 0);
    const clients = databaseClients(home);
    expect(clients.map((client) => client.name)).toContain("cellar-migrate");
    for (const client of clients) expect(client.url, client.name).toContain(endpointOf(proxyId));
  });

  // Sessions on a write-forwarding secondary read with the consistency mode apg_write_forward.consistency_mode
  // names; only EVENTUAL, SESSION and GLOBAL forward writes at all:
  // https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-write-forwarding-apg.html
  it("forwards writes from a secondary with SESSION consistency, set on the secondary cluster itself", () => {
    const [groupId, group] = only(secondary, "AWS::RDS::DBClusterParameterGroup");
    expect(group.Parameters).toMatchObject({ "apg_write_forward.consistency_mode": "SESSION" });
    const [, cluster] = only(secondary, "AWS::RDS::DBCluster");
    expect(cluster).toMatchObject({
      EnableGlobalWriteForwarding: true,
      DBClusterParameterGroupName: { Ref: groupId },
    });
    const [, homeGroup] = only(home, "AWS::RDS::DBClusterParameterGroup");
    expect(homeGroup.Parameters).not.toHaveProperty("apg_write_forward.consistency_mode");
  });
});

describe("RDS Proxy's connection borrow timeout", () => {
  const borrowTimeout = (t: Template) =>
    (only(t, "AWS::RDS::DBProxyTargetGroup")[1].ConnectionPoolConfigurationInfo as Props)
      .ConnectionBorrowTimeout as number;

  // An exhausted pool must end in an error the handler answers with a 503, not in a Lambda timeout.
  it.each([
    ["home", home],
    ["secondary", secondary],
  ])("in the %s region is below the timeout of every function that connects", (_role, t) => {
    expect(borrowTimeout(t)).toBe(connectionBorrowTimeoutSeconds(config.lambda.timeoutSeconds));
    for (const client of databaseClients(t)) {
      expect(borrowTimeout(t), client.name).toBeLessThan(client.timeout);
    }
  });

  it("follows the configured function timeout", () => {
    const short = testConfig({ lambda: { timeoutSeconds: 6 } });
    const variant = synthTestApp(short);
    const t = variant.template(variant.stacks.regions[0]!);
    expect(borrowTimeout(t)).toBe(2);
    const apiFunction = databaseClients(t).find((client) => client.name === "cellar-pingV1");
    expect(apiFunction?.timeout).toBe(6);
  });
});

// Forwarded sessions from the secondaries take up to apg_write_forward.max_forwarding_connections_percent
// of the home writer's max_connections (a global parameter, AWS's default 25):
// https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-write-forwarding-apg.html
describe("the home writer's connection slots", () => {
  const poolPercent = (t: Template) =>
    (only(t, "AWS::RDS::DBProxyTargetGroup")[1].ConnectionPoolConfigurationInfo as Props)
      .MaxConnectionsPercent as number;

  it("are shared so that the home proxy, forwarded sessions and direct ones never ask for more than there are", () => {
    const [, homeGroup] = only(home, "AWS::RDS::DBClusterParameterGroup");
    const forwarding = Number(
      (homeGroup.Parameters as Props)["apg_write_forward.max_forwarding_connections_percent"],
    );
    expect(forwarding).toBe(CONNECTION_BUDGET_PERCENT.writeForwarding);
    expect(poolPercent(home) + forwarding + CONNECTION_BUDGET_PERCENT.direct).toBeLessThanOrEqual(100);
  });

  it("leave a secondary's proxy the readers' own slots, which forwarding does not use", () => {
    expect(poolPercent(secondary)).toBe(100 - CONNECTION_BUDGET_PERCENT.direct);
  });
});
