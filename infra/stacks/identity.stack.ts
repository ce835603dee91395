import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import * as cognito from "aws-cdk-lib/aws-cognito";
import type { Construct } from "constructs";
import type { IdentityConfig, InfraConfig } from "../config/infra-config.js";
import { ApiKeyValues } from "../constructs/api-key-values.construct.js";
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
  /** The hosted sign-in domain (`<prefix>.auth.<region>.amazoncognito.com`). */
  readonly domain: cognito.UserPoolDomain;
  readonly apiKeyValues: ApiKeyValues;

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
      ...userPoolEmail(props.config.identity),
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
    this.domain = this.userPool.addDomain("Domain", {
      cognitoDomain: {
        domainPrefix: props.config.identity.domainPrefix ?? `${name}-${props.config.account}`,
      },
    });
    // The mobile and demo apps: public clients, so no secret. SRP keeps passwords off the wire for
    // apps that do it; USER_PASSWORD_AUTH (over TLS) is what the demo uses, because cognito-local,
    // which it signs in against locally and in its browser test, has no SRP. Refresh is always on.
    // OAuth (the hosted UI on this.domain) only with the authorization code grant: CDK's default
    // would also enable the implicit grant, and callback https://example.com.
    // https://docs.aws.amazon.com/cognito/latest/developerguide/federation-endpoints-oauth-grants.html ("implicit grant is
    // a legacy grant"); flows: https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html
    const callbackUrls = appCallbackUrls(props.config);
    this.userPoolClient = this.userPool.addClient("AppClient", {
      userPoolClientName: `${name}-app`,
      generateSecret: false,
      authFlows: { userSrp: true, userPassword: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      ...(callbackUrls.length === 0
        ? { disableOAuth: true }
        : {
            oAuth: {
              flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
              scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
              callbackUrls,
              logoutUrls: props.config.identity.logoutUrls ?? callbackUrls,
            },
          }),
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
    // The value of each usage-plan tier's own API key, one for every region (api-key-values.construct.ts).
    this.apiKeyValues = new ApiKeyValues(this, "ApiKeyValues", {
      config: props.config,
      replicaRegions: props.config.regions
        .map(({ region }) => region)
        .filter((region) => region !== this.region),
    });
    new CfnOutput(this, "UserPoolId", { value: this.userPool.userPoolId });
    new CfnOutput(this, "UserPoolClientId", { value: this.userPoolClient.userPoolClientId });
    new CfnOutput(this, "ContractTestClientId", { value: this.contractTestClient.userPoolClientId });
    new CfnOutput(this, "Issuer", { value: this.userPool.userPoolProviderUrl });
    new CfnOutput(this, "SignInDomain", { value: this.domain.baseUrl() });
  }
}

/** The hosted UI's callbacks: the config's, else the site's demo app, else none (no OAuth). */
export function appCallbackUrls(config: InfraConfig): string[] {
  if (config.identity.callbackUrls) return config.identity.callbackUrls;
  return config.site.domainName ? [`https://${config.site.domainName}/app/`] : [];
}

/**
 * SES when the config names a sender: Cognito's default sender allows only a small number of
 * e-mails a day per pool, "below the required delivery volume" of production, and its From is
 * no-reply@verificationemail.com.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-email.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html
 */
function userPoolEmail({ email }: IdentityConfig): Pick<cognito.UserPoolProps, "email"> {
  if (!email) return {};
  return {
    email: cognito.UserPoolEmail.withSES({
      fromEmail: email.fromEmail,
      ...(email.fromName ? { fromName: email.fromName } : {}),
      ...(email.replyTo ? { replyTo: email.replyTo } : {}),
      ...(email.sesRegion ? { sesRegion: email.sesRegion } : {}),
      ...(email.sesVerifiedDomain ? { sesVerifiedDomain: email.sesVerifiedDomain } : {}),
    }),
  };
}
