/**
 * The PrivateLink service name (`com.amazonaws.<region>.<name>`) of the service each AWS SDK v3 client
 * calls, by client package (`@aws-sdk/client-<package>`). Mostly the package name without hyphens, but
 * not always (CloudWatch Logs is `logs`, EventBridge `events`), so it is a table: a client missing here
 * fails the route test (test/infra/app/aws-service-routes.test.ts) until someone looks its name up in
 * https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html
 */
const ENDPOINT_SERVICE_OF_CLIENT: Readonly<Record<string, string>> = {
  codedeploy: "codedeploy",
  "cloudwatch-logs": "logs",
  cloudwatch: "monitoring",
  "cognito-identity-provider": "cognito-idp",
  dynamodb: "dynamodb",
  eventbridge: "events",
  kms: "kms",
  lambda: "lambda",
  "rds-data": "rds-data",
  s3: "s3",
  "secrets-manager": "secretsmanager",
  sfn: "states",
  sns: "sns",
  sqs: "sqs",
  ssm: "ssm",
  sts: "sts",
};

export function endpointServiceOfClient(client: string): string {
  const service = ENDPOINT_SERVICE_OF_CLIENT[client];
  if (!service) {
    throw new Error(
      `@aws-sdk/client-${client} has no endpoint service name in infra/bundle/aws-service-endpoints.ts: add it`,
    );
  }
  return service;
}

/** The layer every database function carries (functionDefaults, `paramsAndSecrets`). */
export const PARAMS_AND_SECRETS_LAYER = /:layer:AWS-Parameters-and-Secrets-Lambda-Extension(?:-Arm64)?:/;

/**
 * What the extension calls for us: the database credentials wrapper (infra/lambda/database-credentials.ts)
 * asks it for a secret only (`/secretsmanager/get`), never for an SSM parameter.
 */
export const PARAMS_AND_SECRETS_SERVICES: readonly string[] = ["secretsmanager"];
