import { Duration, Fn, RemovalPolicy, Stack } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as iam from "aws-cdk-lib/aws-iam";
import * as rds from "aws-cdk-lib/aws-rds";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import type { InfraConfig } from "../config/infra-config.js";
import { acknowledgeOnce } from "./nag-acknowledgements.js";
import type { Network } from "./network.construct.js";
import type { DatabaseMetricsSource } from "./service-alarms.construct.js";

export const DATABASE_NAME = "cellar";
export const DATABASE_USER = "cellar";
const PORT = 5432;
/** What `excludePunctuation` leaves out of a generated password. */
const PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/** The home region writes; the others hold read replicas that forward writes to it. */
export type DatabaseRole =
  | { kind: "primary"; replicaRegions: string[] }
  | { kind: "secondary"; primarySecretArn: string };

export interface AuroraDatabaseProps {
  config: InfraConfig;
  network: Network;
  role: DatabaseRole;
}

/**
 * A Lambda that times out or is frozen mid-transaction leaves its session "idle in transaction",
 * holding row locks, until the connection dies; the client already got a 503 and may retry into
 * those locks. Our transactions never wait on a client between statements, so Postgres may end any
 * session idle in a transaction for longer than a function can run (rolling it back), with a margin.
 */
export const idleInTransactionTimeoutMs = (functionTimeoutSeconds: number): number =>
  (functionTimeoutSeconds + 15) * 1000;

/**
 * RDS Proxy closes a client connection idle this long (IdleClientTimeout, 30 minutes by default):
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-proxy-connections.html
 */
export const PROXY_IDLE_CLIENT_TIMEOUT_SECONDS = 1800;

export const globalClusterId = (config: InfraConfig): string => `${config.name}-global`;

/**
 * How long RDS Proxy lets a client wait for a pooled connection. Below the function timeout, so an
 * exhausted pool ends in an error the handler turns into a fast 503, not in a Lambda timeout; a third
 * of it (5 s of 15 s, pg's own connect timeout) leaves the request time to run once it has one.
 */
export const connectionBorrowTimeoutSeconds = (functionTimeoutSeconds: number): number =>
  Math.max(1, Math.floor(functionTimeoutSeconds / 3));

/**
 * Read consistency of the sessions on a write-forwarding secondary: SESSION, so a request sees its own
 * forwarded writes (a review it just wrote). Set in the cluster parameter group rather than per
 * connection: a SET on a session pins it to one database connection behind RDS Proxy.
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-write-forwarding-apg.html
 */
export const WRITE_FORWARD_CONSISTENCY = { "apg_write_forward.consistency_mode": "SESSION" } as const;

/**
 * The home writer's connection slots, in percent of its `max_connections`. Forwarded sessions from
 * the secondaries take up to `apg_write_forward.max_forwarding_connections_percent` of them (a global
 * parameter of the primary, AWS's default 25, set explicitly here so this budget is ours:
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-write-forwarding-apg.html);
 * the home proxy must leave them free, and some for connections that bypass it (the migrations
 * function and the rotation function go through it too, but an operator's psql does not).
 */
export const CONNECTION_BUDGET_PERCENT = { writeForwarding: 25, direct: 5 } as const;

/** RDS Proxy's `MaxConnectionsPercent`: at home, what forwarding and direct sessions leave; elsewhere the readers' own slots. */
export const proxyMaxConnectionsPercent = (role: DatabaseRole): number =>
  role.kind === "primary"
    ? 100 - CONNECTION_BUDGET_PERCENT.writeForwarding - CONNECTION_BUDGET_PERCENT.direct
    : 100 - CONNECTION_BUDGET_PERCENT.direct;

const WRITE_FORWARDING_SLOTS = {
  "apg_write_forward.max_forwarding_connections_percent": String(CONNECTION_BUDGET_PERCENT.writeForwarding),
} as const;

/**
 * One Aurora Serverless v2 PostgreSQL cluster per region, all members of one global database, so a
 * user sees the same favorites and reviews whichever region latency routing sends them to. Secondary
 * clusters forward writes to the home region (Aurora global write forwarding), so the same handlers
 * and the same DATABASE_URL work in every region. Migrations only run in the home region.
 */
export class AuroraDatabase extends Construct {
  readonly secret: secretsmanager.ISecret;
  /** postgres:// URL without password (see infra/lambda/database-credentials.ts). */
  readonly databaseUrl: string;
  /** Extra environment the functions need to trust the endpoint's TLS certificate. */
  readonly clientEnvironment: Record<string, string>;
  readonly cluster: rds.CfnDBCluster;
  /** What the region's alarms and dashboard read the database's metrics by (service-alarms.construct.ts). */
  readonly metricsSource: DatabaseMetricsSource;
  private readonly clientPeer: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: AuroraDatabaseProps) {
    super(scope, id);
    const { config, network, role } = props;
    const { vpc, subnets } = network;

    this.secret =
      role.kind === "primary" ? this.createSecret(config, role.replicaRegions) : this.replicaSecret(role);

    const clusterSecurityGroup = new ec2.SecurityGroup(this, "ClusterSecurityGroup", {
      vpc,
      description: "Aurora cluster",
      allowAllOutbound: false,
    });
    const subnetGroup = new rds.CfnDBSubnetGroup(this, "Subnets", {
      dbSubnetGroupDescription: "Cellar Aurora cluster",
      subnetIds: vpc.selectSubnets(subnets).subnetIds,
    });
    const { maxCapacity, engineVersion, deletionProtection } = config.database;
    // The floor differs by role (infra/config/infra-config.ts, GLOBAL_DATABASE_MIN_CAPACITY).
    const minCapacity = config.database.minCapacity[role.kind];
    const parameterGroup = new rds.CfnDBClusterParameterGroup(this, "Parameters", {
      description: "Cellar Aurora cluster",
      family: `aurora-postgresql${engineVersion.split(".")[0]}`,
      parameters: {
        idle_in_transaction_session_timeout: String(idleInTransactionTimeoutMs(config.lambda.timeoutSeconds)),
        ...(role.kind === "secondary" ? WRITE_FORWARD_CONSISTENCY : WRITE_FORWARDING_SLOTS),
      },
    });
    this.cluster = new rds.CfnDBCluster(this, "Cluster", {
      engine: "aurora-postgresql",
      engineVersion,
      serverlessV2ScalingConfiguration: { minCapacity, maxCapacity },
      dbSubnetGroupName: subnetGroup.ref,
      vpcSecurityGroupIds: [clusterSecurityGroup.securityGroupId],
      port: PORT,
      dbClusterParameterGroupName: parameterGroup.ref,
      storageEncrypted: true,
      backupRetentionPeriod: 7,
      copyTagsToSnapshot: true,
      deletionProtection,
      ...(role.kind === "primary"
        ? {
            databaseName: DATABASE_NAME,
            masterUsername: DATABASE_USER,
            masterUserPassword: this.secret.secretValueFromJson("password").unsafeUnwrap(),
          }
        : {
            globalClusterIdentifier: globalClusterId(config),
            enableGlobalWriteForwarding: true,
            // An encrypted secondary must name a key of its own region.
            kmsKeyId: "alias/aws/rds",
          }),
    });
    this.cluster.applyRemovalPolicy(RemovalPolicy.SNAPSHOT);
    acknowledgeOnce(
      this.cluster,
      "AwsSolutions-RDS6",
      "Clients log in with the rotated secret's password (through RDS Proxy, or directly without it); no IAM database users",
    );
    const instance = new rds.CfnDBInstance(this, "Instance", {
      dbClusterIdentifier: this.cluster.ref,
      dbInstanceClass: "db.serverless",
      engine: "aurora-postgresql",
      publiclyAccessible: false,
    });
    instance.applyRemovalPolicy(RemovalPolicy.SNAPSHOT);

    if (role.kind === "primary") {
      const globalCluster = new rds.CfnGlobalCluster(this, "GlobalCluster", {
        globalClusterIdentifier: globalClusterId(config),
        sourceDbClusterIdentifier: this.cluster.attrDbClusterArn,
        deletionProtection,
      });
      globalCluster.addResourceDependency(instance);
      // The secret this stack owns (the secondaries' replicas follow it).
      if (this.secret instanceof secretsmanager.Secret)
        this.rotateSecret(this.secret, network, clusterSecurityGroup, instance);
    }

    this.clientPeer = network.functionSecurityGroup;
    if (config.database.proxy) {
      const { host: proxyHost, proxyName } = this.createProxy(
        config,
        network,
        clusterSecurityGroup,
        instance,
        role,
      );
      this.metricsSource = { instanceIdentifier: instance.ref, proxyName };
      this.databaseUrl = postgresUrl(proxyHost, "verify-full");
      // The proxy presents an ACM certificate, which Node's bundled CAs already trust.
      this.clientEnvironment = {};
    } else {
      clusterSecurityGroup.addIngressRule(this.clientPeer, ec2.Port.tcp(PORT), "Functions");
      this.metricsSource = { instanceIdentifier: instance.ref, proxyName: undefined };
      this.databaseUrl = postgresUrl(this.cluster.attrEndpointAddress, "verify-full");
      // Aurora's own certificates chain to the RDS CA, which Lambda ships but Node 20+ does not load by default.
      this.clientEnvironment = { NODE_EXTRA_CA_CERTS: "/var/runtime/ca-cert.pem" };
    }
  }

  private createSecret(config: InfraConfig, replicaRegions: string[]): secretsmanager.ISecret {
    return new secretsmanager.Secret(this, "Secret", {
      secretName: `${config.name}/database`,
      description: "Aurora master credentials, replicated to every region of the deployment",
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: DATABASE_USER }),
        generateStringKey: "password",
        excludePunctuation: true,
        passwordLength: 40,
      },
      replicaRegions: replicaRegions.map((region) => ({ region })),
    });
  }

  /**
   * Single-user rotation of the master password every 30 days, by the Lambda function Secrets Manager
   * hosts for PostgreSQL. It needs the secret's host, port and engine (the target attachment adds them)
   * and must reach the Secrets Manager endpoint and the cluster from the isolated subnets:
   * https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets-rds.html
   * RDS Proxy logs in with the credentials in this same secret, so it follows the rotation, and
   * the functions read the secret on a cold start (infra/lambda/database-credentials.ts):
   * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-proxy-secrets-arns.html
   * Secondary regions' replica secrets are updated by Secrets Manager's replication, and their
   * clusters share the writer's users through the global database.
   */
  private rotateSecret(
    secret: secretsmanager.Secret,
    network: Network,
    clusterSecurityGroup: ec2.SecurityGroup,
    instance: rds.CfnDBInstance,
  ): void {
    const rotationSecurityGroup = new ec2.SecurityGroup(this, "RotationSecurityGroup", {
      vpc: network.vpc,
      description: "Secrets Manager rotation of the Aurora master password",
    });
    clusterSecurityGroup.addIngressRule(rotationSecurityGroup, ec2.Port.tcp(PORT), "Secret rotation");
    network.endpoints.SecretsManager.connections.allowDefaultPortFrom(
      rotationSecurityGroup,
      "Secret rotation",
    );
    const attached = secret.attach({
      asSecretAttachmentTarget: () => ({
        targetId: this.cluster.ref,
        targetType: secretsmanager.AttachmentTargetType.RDS_DB_CLUSTER,
      }),
    });
    const schedule = attached.addRotationSchedule("Rotation", {
      hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser({
        vpc: network.vpc,
        vpcSubnets: network.subnets,
        securityGroups: [rotationSecurityGroup],
        // The same alphabet as the generated password: letters and digits.
        excludeCharacters: PUNCTUATION,
      }),
      automaticallyAfter: Duration.days(30),
    });
    // The first rotation logs in to the database, so it waits for an instance to log in to.
    schedule.node.addDependency(instance);
  }

  /** A replica keeps the primary secret's ARN but for the region, so it is derived, not looked up. */
  private replicaSecret(role: Extract<DatabaseRole, { kind: "secondary" }>): secretsmanager.ISecret {
    const stack = Stack.of(this);
    const nameWithSuffix = Fn.select(6, Fn.split(":", role.primarySecretArn));
    const arn = Fn.join(":", [
      "arn",
      stack.partition,
      "secretsmanager",
      stack.region,
      stack.account,
      "secret",
      nameWithSuffix,
    ]);
    return secretsmanager.Secret.fromSecretCompleteArn(this, "Secret", arn);
  }

  private createProxy(
    config: InfraConfig,
    network: Network,
    clusterSecurityGroup: ec2.SecurityGroup,
    instance: rds.CfnDBInstance,
    databaseRole: DatabaseRole,
  ): { host: string; proxyName: string } {
    const proxySecurityGroup = new ec2.SecurityGroup(this, "ProxySecurityGroup", {
      vpc: network.vpc,
      description: "RDS Proxy",
    });
    proxySecurityGroup.addIngressRule(this.clientPeer, ec2.Port.tcp(PORT), "Functions");
    clusterSecurityGroup.addIngressRule(proxySecurityGroup, ec2.Port.tcp(PORT), "RDS Proxy");
    const role = new iam.Role(this, "ProxyRole", {
      assumedBy: new iam.ServicePrincipal("rds.amazonaws.com"),
    });
    this.secret.grantRead(role);
    const proxy = new rds.CfnDBProxy(this, "Proxy", {
      dbProxyName: `${config.name}-${Stack.of(this).region}`,
      engineFamily: "POSTGRESQL",
      auth: [{ authScheme: "SECRETS", iamAuth: "DISABLED", secretArn: this.secret.secretArn }],
      roleArn: role.roleArn,
      vpcSubnetIds: network.vpc.selectSubnets(network.subnets).subnetIds,
      vpcSecurityGroupIds: [proxySecurityGroup.securityGroupId],
      requireTls: true,
      idleClientTimeout: PROXY_IDLE_CLIENT_TIMEOUT_SECONDS,
    });
    const targets = new rds.CfnDBProxyTargetGroup(this, "ProxyTargets", {
      dbProxyName: proxy.ref,
      targetGroupName: "default",
      dbClusterIdentifiers: [this.cluster.ref],
      connectionPoolConfigurationInfo: {
        maxConnectionsPercent: proxyMaxConnectionsPercent(databaseRole),
        connectionBorrowTimeout: connectionBorrowTimeoutSeconds(config.lambda.timeoutSeconds),
      },
    });
    targets.addResourceDependency(instance);
    if (databaseRole.kind === "primary") return { host: proxy.attrEndpoint, proxyName: proxy.ref };
    // A secondary cluster has no writer, so the proxy's default (read/write) endpoint fails every
    // connection ("The target group doesn't have any associated read/write instances"); its read-only
    // endpoints reach the readers, which forward writes to the home writer (global write forwarding).
    // https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-proxy-gdb.html
    const readOnly = new rds.CfnDBProxyEndpoint(this, "ProxyReadOnlyEndpoint", {
      dbProxyName: proxy.ref,
      dbProxyEndpointName: `${config.name}-${Stack.of(this).region}-read-only`,
      targetRole: "READ_ONLY",
      vpcSubnetIds: network.vpc.selectSubnets(network.subnets).subnetIds,
      vpcSecurityGroupIds: [proxySecurityGroup.securityGroupId],
    });
    return { host: readOnly.attrEndpoint, proxyName: proxy.ref };
  }
}

function postgresUrl(host: string, sslmode: string): string {
  return `postgres://${DATABASE_USER}@${host}:${PORT}/${DATABASE_NAME}?sslmode=${sslmode}`;
}
