import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import * as cognito from "aws-cdk-lib/aws-cognito";
import type { Construct } from "constructs";
import type { InfraConfig } from "../config/infra-config.js";
import { acknowledgeOnce } from "../constructs/nag-acknowledgements.js";

export const ADMIN_GROUP = "admin";

/**
 * One user pool per deployment, in the home region: every regional API trusts the same issuer, so a
 * token from any region works in all of them (Cognito user pools are not multi-region).
 */
export class IdentityStack extends Stack {
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly contractTestClient: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: StackProps & { config: InfraConfig }) {
    super(scope, id, props);
    const { name } = props.config;
    this.userPool = new cognito.UserPool(this, "UserPool", {
      userPoolName: `${name}-users`,
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: { minLength: 12, requireSymbols: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Users are not re-creatable: keep the pool when the stack goes.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledgeOnce(
      this.userPool,
      "AwsSolutions-COG1",
      "Symbols are not required on purpose: 12 characters with upper and lower case and digits (length over composition, NIST SP 800-63B)",
    );
    acknowledgeOnce(
      this.userPool,
      "AwsSolutions-COG2",
      "MFA is the user's choice: a required second factor would also stop the contract suite's ADMIN_USER_PASSWORD_AUTH test users",
    );
    acknowledgeOnce(
      this.userPool,
      "AwsSolutions-COG8",
      "The Plus feature plan (threat protection) is billed per monthly active user; not bought for this pool",
    );
    new cognito.UserPoolGroup(this, "AdminGroup", {
      userPool: this.userPool,
      groupName: ADMIN_GROUP,
      description: "May create and change wineries (x-cellar-groups: [admin] in openapi.yaml)",
    });
    // The mobile and demo apps: public clients, so no secret; SRP keeps passwords off the wire.
    this.userPoolClient = this.userPool.addClient("AppClient", {
      userPoolClientName: `${name}-app`,
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
    });
    // The contract suite (contract-tests/setup/cognito-users.ts, run by `npm run deploy`) creates its
    // own test users and signs them in with AdminInitiateAuth, ADMIN_USER_PASSWORD_AUTH: a server-side
    // flow, authorized by the caller's IAM credentials (cognito-idp:AdminInitiateAuth), that the public
    // app client must not allow. So the tests get a client of their own: that flow only (CDK adds
    // refresh), no secret (the suite sends no SECRET_HASH), no OAuth, tokens that outlive a run only
    // briefly. https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html
    this.contractTestClient = this.userPool.addClient("ContractTestClient", {
      userPoolClientName: `${name}-contract-tests`,
      generateSecret: false,
      authFlows: { adminUserPassword: true },
      disableOAuth: true,
      idTokenValidity: Duration.minutes(15),
      accessTokenValidity: Duration.minutes(15),
      // Cognito's minimum for refresh tokens.
      refreshTokenValidity: Duration.minutes(60),
      preventUserExistenceErrors: true,
    });
    new CfnOutput(this, "UserPoolId", { value: this.userPool.userPoolId });
    new CfnOutput(this, "UserPoolClientId", { value: this.userPoolClient.userPoolClientId });
    new CfnOutput(this, "ContractTestClientId", { value: this.contractTestClient.userPoolClientId });
    new CfnOutput(this, "Issuer", { value: this.userPool.userPoolProviderUrl });
  }
}
