import { Validations } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import { Construct } from "constructs";

/**
 * Isolated subnets only: the functions talk to the database and to Secrets Manager (through an
 * interface endpoint), nothing else, so there is no NAT gateway to pay for by the hour.
 */
export class Network extends Construct {
  readonly vpc: ec2.Vpc;
  readonly subnets: ec2.SubnetSelection = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
  readonly functionSecurityGroup: ec2.SecurityGroup;

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
    // The Parameters and Secrets extension inside each function fetches the database secret here.
    this.vpc.addInterfaceEndpoint("SecretsManager", {
      service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
      subnets: this.subnets,
      privateDnsEnabled: true,
    });
  }
}
