import { ArnFormat, Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as cr from "aws-cdk-lib/custom-resources";
import { Construct } from "constructs";
import { acknowledgeOnce } from "./nag-acknowledgements.js";

export interface AppApiKeyProps {
  /** The secret holding the key's value (`apiKeySecretName(config, "app")`). */
  secretName: string;
  /** A region that holds the secret or a replica of it. */
  region: string;
}

/**
 * The value of the app's own API key, read at deploy time for the demo's /config.json. A
 * `{{resolve:secretsmanager:...}}` dynamic reference cannot serve here: CloudFormation does not
 * resolve secure dynamic references in custom resources' properties, which is what BucketDeployment's
 * sources are (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html).
 * The key is no secret from the app's users (every copy of the app holds it; API keys meter, they do
 * not authenticate: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html).
 */
export class AppApiKey extends Construct {
  readonly value: string;

  constructor(scope: Construct, id: string, props: AppApiKeyProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const read: cr.AwsSdkCall = {
      service: "SecretsManager",
      action: "getSecretValue",
      parameters: { SecretId: props.secretName },
      region: props.region,
      // The same secret every time; a new value (a replaced secret) is read on the next deploy's update.
      physicalResourceId: cr.PhysicalResourceId.of(props.secretName),
    };
    // Secrets Manager appends six random characters to a secret's name in its ARN.
    const secretArn = stack.formatArn({
      service: "secretsmanager",
      region: props.region,
      resource: "secret",
      resourceName: `${props.secretName}-??????`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const lookup = new cr.AwsCustomResource(this, "Lookup", {
      onCreate: read,
      onUpdate: read,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ["secretsmanager:GetSecretValue"], resources: [secretArn] }),
      ]),
      installLatestAwsSdk: false,
    });
    // The lookup runs in CDK's one AwsCustomResource function per stack, whose role has CDK's policy.
    if (lookup.grantPrincipal instanceof Construct)
      acknowledgeOnce(
        lookup.grantPrincipal,
        "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
        "CDK's AwsCustomResource function: writes its own logs, reads the app key's secret (its only grant)",
      );
    this.value = lookup.getResponseField("SecretString");
  }
}
