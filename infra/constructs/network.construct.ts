import { RemovalPolicy, Validations } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";

/**
 * The AWS services the functions call from inside the VPC, each through an interface endpoint: the
 * subnets are isolated (no NAT gateway to pay for by the hour), and a function in a VPC has no
 * internet access without one (https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html).
 * test/infra/app/aws-service-routes.test.ts derives what the bundles call and fails on a service missing here.
 */
export const INTERFACE_ENDPOINTS = {
  // The Parameters and Secrets extension inside each function fetches the database secret here.
  SecretsManager: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
  // The operations of QUEUE_SENDERS (infra/queues/queue-workers.ts) send jobs here.
  Sqs: ec2.InterfaceVpcEndpointAwsService.SQS,
} as const;

/** Isolated subnets only: the functions talk to the database and, through interface endpoints, to AWS. */
export class Network extends Construct {
  readonly vpc: ec2.Vpc;
  readonly subnets: ec2.SubnetSelection = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
  readonly functionSecurityGroup: ec2.SecurityGroup;
  /** By `INTERFACE_ENDPOINTS` name; a client outside the functions' group is admitted with `allowDefaultPortFrom`. */
  readonly endpoints: Record<keyof typeof INTERFACE_ENDPOINTS, ec2.InterfaceVpcEndpoint>;

  constructor(scope: Construct, id: string, props: { availabilityZones: string[] }) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, "Vpc", {
      availabilityZones: props.availabilityZones,
      natGateways: 0,
      subnetConfiguration: [{ name: "isolated", subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 22 }],
    });
    Validations.of(this).acknowledge({
      id: "CloudFormation-Validate::W3010",
      reason: "Zones come from the config on purpose: synth must not look them up",
    });
    this.functionSecurityGroup = new ec2.SecurityGroup(this, "Functions", {
      vpc: this.vpc,
      description: "Cellar Lambda functions",
    });
    // Private DNS, so the SDK's default host name resolves to the endpoint; in the functions' subnets;
    // HTTPS admitted from the functions' security group only:
    // https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html
    const endpoint = (name: string, service: ec2.InterfaceVpcEndpointAwsService) => {
      const created = this.vpc.addInterfaceEndpoint(name, {
        service,
        subnets: this.subnets,
        privateDnsEnabled: true,
        open: false,
      });
      created.connections.allowDefaultPortFrom(this.functionSecurityGroup, "Cellar functions");
      return created;
    };
    this.endpoints = {
      SecretsManager: endpoint("SecretsManager", INTERFACE_ENDPOINTS.SecretsManager),
      Sqs: endpoint("Sqs", INTERFACE_ENDPOINTS.Sqs),
    };
    this.addFlowLogs();
  }

  /** Every accepted and rejected flow of the VPC, kept a month: what reached the database, and what was refused. */
  private addFlowLogs(): void {
    const logGroup = new logs.LogGroup(this, "FlowLogs", {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.vpc.addFlowLog("FlowLog", {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(logGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
  }
}
