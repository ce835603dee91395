/**
 * Whether a VPC-attached function can reach an AWS service, read from a synthesized template. A
 * function in a VPC has no internet access of its own; it reaches an AWS API only through a NAT
 * gateway (https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html) or an
 * interface endpoint of that service in its VPC, which the SDK's default host name resolves to only
 * with private DNS on, and whose security group must admit HTTPS from the function
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html).
 */

type Json = Record<string, unknown>;
export type Resources = Record<string, { Type: string; Properties?: Json }>;

export interface VpcFunction {
  name: string;
  vpc: string;
  subnets: string[];
  securityGroups: string[];
  layers: string[];
}

const HTTPS = 443;

/** The logical id a `Ref` or `Fn::GetAtt` points at. */
function target(value: unknown): string | undefined {
  const json = value as { Ref?: string; "Fn::GetAtt"?: [string, string] } | undefined;
  return json?.Ref ?? json?.["Fn::GetAtt"]?.[0];
}

const ofType = (resources: Resources, type: string) =>
  Object.entries(resources).filter(([, resource]) => resource.Type === type);

/** Every Lambda function attached to a VPC, by FunctionName; the others are no concern here. */
export function vpcFunctions(resources: Resources): VpcFunction[] {
  return ofType(resources, "AWS::Lambda::Function").flatMap(([id, { Properties: props = {} }]) => {
    const config = props.VpcConfig as { SubnetIds?: unknown[]; SecurityGroupIds?: unknown[] } | undefined;
    if (!config?.SubnetIds?.length) return [];
    const subnets = config.SubnetIds.map((subnet) => target(subnet) ?? String(subnet));
    const vpc = target(resources[subnets[0] ?? ""]?.Properties?.VpcId);
    if (!vpc) throw new Error(`${id}: cannot tell the VPC of subnet ${subnets[0]}`);
    return [
      {
        name: typeof props.FunctionName === "string" ? props.FunctionName : id,
        vpc,
        subnets,
        securityGroups: (config.SecurityGroupIds ?? []).map((group) => target(group) ?? String(group)),
        layers: ((props.Layers as unknown[]) ?? []).map((layer) => JSON.stringify(layer)),
      },
    ];
  });
}

/** How `fn` reaches `service` (`sqs`, `secretsmanager` ...), or why it cannot. */
export function routeTo(resources: Resources, fn: VpcFunction, service: string): string | undefined {
  if (fn.subnets.every((subnet) => hasNatRoute(resources, subnet))) return undefined;
  const endpoints = ofType(resources, "AWS::EC2::VPCEndpoint").filter(
    ([, { Properties: props = {} }]) =>
      props.VpcEndpointType === "Interface" &&
      target(props.VpcId) === fn.vpc &&
      JSON.stringify(props.ServiceName).replace(/"$/, "").endsWith(`.${service}`),
  );
  if (endpoints.length === 0) return "no NAT route and no interface endpoint in its VPC";
  const problems = endpoints.map(([, { Properties: props = {} }]) => {
    if (props.PrivateDnsEnabled !== true) return "its endpoint has private DNS off";
    const subnets = ((props.SubnetIds as unknown[]) ?? []).map(target);
    if (!fn.subnets.every((subnet) => subnets.includes(subnet))) return "its endpoint is not in its subnets";
    const groups = ((props.SecurityGroupIds as unknown[]) ?? []).map(target);
    if (!groups.some((group) => group && admitsHttpsFrom(resources, group, fn)))
      return "its endpoint's security group does not admit HTTPS from the function's";
    if (!fn.securityGroups.some((group) => sendsHttpsTo(resources, group, groups)))
      return "the function's security group does not let HTTPS out";
    return undefined;
  });
  return problems.includes(undefined) ? undefined : problems.join("; ");
}

function hasNatRoute(resources: Resources, subnet: string): boolean {
  const tables = ofType(resources, "AWS::EC2::SubnetRouteTableAssociation")
    .filter(([, { Properties: props = {} }]) => target(props.SubnetId) === subnet)
    .map(([, { Properties: props = {} }]) => target(props.RouteTableId));
  return ofType(resources, "AWS::EC2::Route").some(
    ([, { Properties: props = {} }]) =>
      tables.includes(target(props.RouteTableId)) &&
      props.DestinationCidrBlock === "0.0.0.0/0" &&
      props.NatGatewayId !== undefined,
  );
}

type Rule = Json & { IpProtocol?: string; FromPort?: number; ToPort?: number };
const coversHttps = (rule: Rule) =>
  rule.IpProtocol === "-1" ||
  (rule.IpProtocol === "tcp" && (rule.FromPort ?? 0) <= HTTPS && HTTPS <= (rule.ToPort ?? 0));

/** The group's rules of one direction: inline ones and separate SecurityGroupIngress/Egress resources. */
function rules(resources: Resources, group: string, direction: "Ingress" | "Egress"): Rule[] {
  const inline = (resources[group]?.Properties?.[`SecurityGroup${direction}`] as Rule[]) ?? [];
  const separate = ofType(resources, `AWS::EC2::SecurityGroup${direction}`)
    .map(([, { Properties: props = {} }]) => props as Rule)
    .filter((rule) => target(rule.GroupId) === group);
  return [...inline, ...separate];
}

/** From one of the function's security groups, or from anywhere in its VPC (the VPC's CIDR). */
function admitsHttpsFrom(resources: Resources, group: string, fn: VpcFunction): boolean {
  const vpcCidr = JSON.stringify({ "Fn::GetAtt": [fn.vpc, "CidrBlock"] });
  return rules(resources, group, "Ingress").some(
    (rule) =>
      coversHttps(rule) &&
      (fn.securityGroups.includes(target(rule.SourceSecurityGroupId) ?? "") ||
        JSON.stringify(rule.CidrIp) === vpcCidr),
  );
}

function sendsHttpsTo(resources: Resources, group: string, destinations: unknown[]): boolean {
  return rules(resources, group, "Egress").some(
    (rule) =>
      coversHttps(rule) &&
      (rule.CidrIp === "0.0.0.0/0" || destinations.includes(target(rule.DestinationSecurityGroupId))),
  );
}
