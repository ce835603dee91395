import { CodeDeployClient } from "@aws-sdk/client-codedeploy";
import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { SSMClient } from "@aws-sdk/client-ssm";
import { RegionalGateway } from "../../tools/gateway/aws/regional-gateway.client.js";
import { ProgressLogger } from "../../tools/gateway/cli/progress.logger.js";
import { type GatewayStandIn, startGatewayStandIn } from "../../tools/gateway/testing/stand-in.server.js";
import { type AwsJsonStandIn, startAwsJsonStandIn } from "../testing/aws-json-stand-in.js";
import { type CognitoLocal, startCognitoLocal } from "../testing/cognito-local.js";

/** Any credentials do: the stand-ins and cognito-local read the region from the signature and check nothing else. */
export const REHEARSAL_CREDENTIALS = { accessKeyId: "AKIDREHEARSAL", secretAccessKey: "rehearsal-secret" };
export const REHEARSAL_ACCOUNT = "123456789012";

/** The one user pool of the deployment, as cognito-local made it. */
export interface RehearsalPool {
  userPoolId: string;
  userPoolArn: string;
  /** An app client allowing ADMIN_USER_PASSWORD_AUTH, for the contract suite's test users. */
  clientId: string;
}

/**
 * What stands in for AWS during a rehearsal: the repo's API Gateway stand-in, the SSM and CodeDeploy
 * stand-in, and cognito-local (an independent Cognito emulator). Every call goes through the real SDK.
 */
export interface Emulators {
  gateway: GatewayStandIn;
  aws: AwsJsonStandIn;
  cognito: CognitoLocal;
  pool: RehearsalPool;
  /** The gateway CLI's own client for one region, on the API Gateway stand-in. */
  apiGateway(region: string): RegionalGateway;
  ssm(region: string): SSMClient;
  codeDeploy(region: string): CodeDeployClient;
  stop(): Promise<void>;
}

export async function startEmulators(homeRegion: string): Promise<Emulators> {
  const [gateway, aws, cognito] = await Promise.all([
    startGatewayStandIn({ port: 0, accountId: REHEARSAL_ACCOUNT }),
    startAwsJsonStandIn(),
    startCognitoLocal(),
  ]);
  const clients: Array<{ destroy(): void }> = [];
  const client = <T extends { destroy(): void }>(made: T): T => {
    clients.push(made);
    return made;
  };
  const settings = (region: string, endpoint: string) => ({
    region,
    endpoint,
    credentials: REHEARSAL_CREDENTIALS,
  });
  const pool = await createPool(
    client(new CognitoIdentityProviderClient(settings(homeRegion, cognito.endpoint))),
  );
  return {
    gateway,
    aws,
    cognito,
    pool,
    apiGateway: (region) =>
      client(
        new RegionalGateway(
          region,
          { endpointUrl: gateway.url, credentials: REHEARSAL_CREDENTIALS, maxAttempts: 3 },
          new ProgressLogger({ stdout: () => {}, stderr: () => {} }),
        ),
      ),
    ssm: (region) => client(new SSMClient(settings(region, aws.endpoint))),
    codeDeploy: (region) => client(new CodeDeployClient(settings(region, aws.endpoint))),
    async stop() {
      for (const made of clients) made.destroy();
      await Promise.all([gateway.close(), aws.close(), cognito.stop()]);
    },
  };
}

/** The pool the Identity stack creates: email usernames, an `admin` group, and the contract suite's client. */
async function createPool(cognito: CognitoIdentityProviderClient): Promise<RehearsalPool> {
  const { UserPool } = await cognito.send(
    new CreateUserPoolCommand({ PoolName: "cellar-users", UsernameAttributes: ["email"] }),
  );
  if (!UserPool?.Id || !UserPool.Arn) throw new Error("cognito-local created no user pool");
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: UserPool.Id,
      ClientName: "cellar-contract-tests",
      ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
  );
  if (!UserPoolClient?.ClientId) throw new Error("cognito-local created no app client");
  await cognito.send(new CreateGroupCommand({ UserPoolId: UserPool.Id, GroupName: "admin" }));
  return { userPoolId: UserPool.Id, userPoolArn: UserPool.Arn, clientId: UserPoolClient.ClientId };
}
