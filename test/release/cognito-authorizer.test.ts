import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cognitoPoolAuthorizer, issuerForPool } from "../../release/rehearsal/cognito-authorizer.js";
import { type CognitoLocal, startCognitoLocal } from "../../release/testing/cognito-local.js";
import { TEST_CREDENTIALS } from "./aws-clients.harness.js";

interface PoolTokens {
  arn: string;
  idToken: string;
  accessToken: string;
}

let cognito: CognitoLocal;
let client: CognitoIdentityProviderClient;
let pool: PoolTokens;
let otherPool: PoolTokens;

/** A pool as the Identity stack makes it (e-mail usernames, an app client, an `admin` group), and one user's tokens. */
async function poolWithSignedInUser(name: string): Promise<PoolTokens> {
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({ PoolName: name, UsernameAttributes: ["email"] }),
  );
  const UserPoolId = UserPool!.Id!;
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId,
      ClientName: `${name}-client`,
      ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
  );
  await client.send(new CreateGroupCommand({ UserPoolId, GroupName: "admin" }));
  const Username = `taster@${name}.example.com`;
  const Password = "Cellar-test-Passw0rd!";
  await client.send(
    new AdminCreateUserCommand({
      UserPoolId,
      Username,
      MessageAction: "SUPPRESS",
      UserAttributes: [
        { Name: "email", Value: Username },
        { Name: "email_verified", Value: "true" },
      ],
    }),
  );
  await client.send(new AdminSetUserPasswordCommand({ UserPoolId, Username, Password, Permanent: true }));
  const { AuthenticationResult } = await client.send(
    new AdminInitiateAuthCommand({
      UserPoolId,
      ClientId: UserPoolClient!.ClientId!,
      AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: Username, PASSWORD: Password },
    }),
  );
  return {
    arn: UserPool!.Arn!,
    idToken: AuthenticationResult!.IdToken!,
    accessToken: AuthenticationResult!.AccessToken!,
  };
}

beforeAll(async () => {
  cognito = await startCognitoLocal();
  client = new CognitoIdentityProviderClient({
    region: "us-east-1",
    endpoint: cognito.endpoint,
    credentials: TEST_CREDENTIALS,
  });
  pool = await poolWithSignedInUser("cellar-users");
  otherPool = await poolWithSignedInUser("another-app");
});
afterAll(async () => {
  client?.destroy();
  await cognito?.stop();
});

describe("issuerForPool", () => {
  it("gives Cognito's issuer for a pool ARN, in the pool's own region and partition", () => {
    expect(issuerForPool("arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123")).toBe(
      "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123",
    );
    expect(issuerForPool("arn:aws-cn:cognito-idp:cn-north-1:123456789012:userpool/cn-north-1_Xy9")).toBe(
      "https://cognito-idp.cn-north-1.amazonaws.com/cn-north-1_Xy9",
    );
  });

  it("gives the emulator's issuer on localhost, whatever address the endpoint names", () => {
    const arn = "arn:aws:cognito-idp:local:local:userpool/local_5bVfE1";
    expect(issuerForPool(arn, "http://127.0.0.1:9229/")).toBe("http://localhost:9229/local_5bVfE1");
    expect(issuerForPool(arn, "http://localhost:9229")).toBe("http://localhost:9229/local_5bVfE1");
  });

  it("matches the `iss` claim cognito-local puts in its tokens", () => {
    expect(issuerForPool(pool.arn, cognito.endpoint)).toBe(decodeJwt(pool.idToken).iss);
  });

  it("refuses what is not a user pool ARN", () => {
    for (const notAPool of [
      "eu-west-1_AbC123",
      "arn:aws:cognito-identity:eu-west-1:123456789012:identitypool/eu-west-1:abc",
      "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/",
    ]) {
      expect(() => issuerForPool(notAPool), notAPool).toThrow(/is not a Cognito user pool ARN/);
    }
  });
});

describe("cognitoPoolAuthorizer against cognito-local", () => {
  const authorizer = () => cognitoPoolAuthorizer(issuerForPool(pool.arn, cognito.endpoint));

  it("accepts the pool's ID token and hands over its claims", async () => {
    const result = await authorizer().verify(pool.idToken);
    expect(result).toMatchObject({
      ok: true,
      claims: { token_use: "id", email: "taster@cellar-users.example.com" },
    });
  });

  it("refuses the pool's access token: API Gateway's Cognito authorizer takes ID tokens", async () => {
    expect(decodeJwt(pool.accessToken).token_use).toBe("access");
    expect(await authorizer().verify(pool.accessToken)).toEqual({
      ok: false,
      reason: "The token is not an ID token",
    });
  });

  it("refuses an ID token of another pool", async () => {
    expect(await authorizer().verify(otherPool.idToken)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/refused.*"iss"/),
    });
    // The other pool's own authorizer takes it: the refusal is about the pool, not the token.
    const other = cognitoPoolAuthorizer(issuerForPool(otherPool.arn, cognito.endpoint));
    expect(await other.verify(otherPool.idToken)).toMatchObject({ ok: true });
  });

  it("refuses a token whose claims were changed after signing", async () => {
    const [header, , signature] = pool.idToken.split(".");
    const claims = { ...decodeJwt(pool.idToken), "cognito:groups": ["admin"] };
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${signature}`;
    expect(await authorizer().verify(tampered)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/signature verification failed/),
    });
  });

  it("refuses what is not a token at all", async () => {
    for (const garbage of ["", "not-a-jwt", "a.b.c"]) {
      expect(await authorizer().verify(garbage), garbage).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/^The token was refused: /),
      });
    }
  });

  it("issues nothing itself: tokens come from the pool", async () => {
    await expect(authorizer().issueToken({ sub: "someone" })).rejects.toThrow(/issues no tokens/);
  });
});
