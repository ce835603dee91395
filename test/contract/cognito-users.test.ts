import {
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type ExplicitAuthFlowsType,
  InvalidParameterException,
  ListUsersCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cognitoError } from "../../contract-tests/setup/cognito-errors.js";
import type { CognitoPoolConfig } from "../../contract-tests/setup/cognito-pool.js";
import { CognitoTestUsers } from "../../contract-tests/setup/cognito-users.js";
import { readClaims } from "../../contract-tests/setup/jwt-claims.js";
import { createRunId } from "../../contract-tests/setup/run-id.js";
import { resolveTokens } from "../../contract-tests/setup/tokens.js";
import { type CognitoLocal, startCognitoLocal } from "../../release/testing/cognito-local.js";

// What CDK's authFlows: { adminUserPassword: true } puts on the app client.
const ADMIN_PASSWORD_FLOWS: ExplicitAuthFlowsType[] = [
  "ALLOW_ADMIN_USER_PASSWORD_AUTH",
  "ALLOW_REFRESH_TOKEN_AUTH",
];

let cognito: CognitoLocal;
let setup: CognitoIdentityProviderClient;
let pool: CognitoPoolConfig;

beforeAll(async () => {
  cognito = await startCognitoLocal();
  setup = new CognitoIdentityProviderClient({
    region: "us-east-1",
    endpoint: cognito.endpoint,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  pool = await createPool({ flows: ADMIN_PASSWORD_FLOWS, adminGroup: true });
});

afterAll(async () => {
  setup?.destroy();
  await cognito?.stop();
});

/** A pool shaped like Cellar's: e-mail as user name, an `admin` group, one app client. */
async function createPool(options: {
  flows: ExplicitAuthFlowsType[];
  adminGroup: boolean;
}): Promise<CognitoPoolConfig> {
  const { UserPool } = await setup.send(
    new CreateUserPoolCommand({ PoolName: "cellar-users", UsernameAttributes: ["email"] }),
  );
  const userPoolId = UserPool!.Id!;
  const { UserPoolClient } = await setup.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: "contract-tests",
      ExplicitAuthFlows: options.flows,
    }),
  );
  if (options.adminGroup)
    await setup.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: "admin" }));
  return { userPoolId, clientId: UserPoolClient!.ClientId!, region: "us-east-1", endpoint: cognito.endpoint };
}

const payload = (token: string) =>
  JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;

async function userExists(config: CognitoPoolConfig, username: string): Promise<boolean> {
  try {
    await setup.send(new AdminGetUserCommand({ UserPoolId: config.userPoolId, Username: username }));
    return true;
  } catch (error) {
    if ((error as Error).name === "UserNotFoundException") return false;
    throw error;
  }
}

async function usersOfRun(config: CognitoPoolConfig, runId: string): Promise<string[]> {
  const { Users } = await setup.send(new ListUsersCommand({ UserPoolId: config.userPoolId }));
  return (Users ?? [])
    .flatMap((user) => user.Attributes?.filter((attribute) => attribute.Name === "email") ?? [])
    .map((attribute) => attribute.Value!)
    .filter((email) => email.startsWith(`contract-${runId}-`));
}

describe("CognitoTestUsers against cognito-local", () => {
  it("creates three confirmed users named by the run and signs them in with ID tokens", async () => {
    const runId = createRunId();
    const users = new CognitoTestUsers(pool, runId);
    const tokens = await users.signIn();

    expect(users.usernames.sort()).toEqual(
      ["admin", "other-user", "user"].map((role) => `contract-${runId}-${role}@example.com`),
    );
    for (const username of users.usernames) {
      const user = await setup.send(
        new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: username }),
      );
      expect(user.UserStatus).toBe("CONFIRMED");
      expect(user.UserAttributes).toContainEqual({ Name: "email_verified", Value: "true" });
    }
    const claims = {
      admin: payload(tokens.admin),
      user: payload(tokens.user),
      other: payload(tokens.otherUser),
    };
    for (const token of Object.values(claims)) {
      expect(token.token_use).toBe("id");
      expect(token.aud).toBe(pool.clientId);
      expect(token.iss).toBe(`${cognito.endpoint}/${pool.userPoolId}`);
    }
    expect(claims.admin["cognito:groups"]).toEqual(["admin"]);
    expect(claims.user["cognito:groups"]).toBeUndefined();
    expect(claims.other["cognito:groups"]).toBeUndefined();
    expect(claims.admin.email).toBe(`contract-${runId}-admin@example.com`);
    expect(new Set(Object.values(claims).map((token) => token.sub)).size).toBe(3);
    // What the probes read from the tokens.
    expect(readClaims(tokens.admin).groups).toEqual(["admin"]);
    expect(readClaims(tokens.user).groups).toEqual([]);

    await users.removeAll();
  });

  it("removeAll deletes every user it created, also one already gone, and then has none left", async () => {
    const users = new CognitoTestUsers(pool, createRunId());
    await users.signIn();
    const usernames = users.usernames;
    await setup.send(new AdminDeleteUserCommand({ UserPoolId: pool.userPoolId, Username: usernames[0]! }));

    expect(await users.removeAll()).toBe(3);

    for (const username of usernames) expect(await userExists(pool, username)).toBe(false);
    expect(users.usernames).toEqual([]);
    expect(await users.removeAll()).toBe(0);
  });

  it("says which pool and call failed, in one line, when the pool has no admin group", async () => {
    const noGroup = await createPool({ flows: ADMIN_PASSWORD_FLOWS, adminGroup: false });
    const users = new CognitoTestUsers(noGroup, createRunId());

    const error = await users.signIn(["admin"]).catch((caught: Error) => caught);

    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^Cognito AdminAddUserToGroup on pool ${noGroup.userPoolId} for \\S+ failed: .*group named admin`,
      ),
    );
    expect((error as Error).message).not.toContain("\n");
    expect(users.usernames).toHaveLength(1);
    await users.removeAll();
  });

  // cognito-local 5.3 stores ExplicitAuthFlows but never checks them, so the error for a client
  // without ADMIN_USER_PASSWORD_AUTH is tested below with the SDK's error. When this test fails,
  // the emulator enforces the setting: test the real error instead.
  it("cognito-local signs in even when the client lacks ADMIN_USER_PASSWORD_AUTH", async () => {
    const srpOnly = await createPool({
      flows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      adminGroup: true,
    });
    const users = new CognitoTestUsers(srpOnly, createRunId());
    await expect(users.signIn(["user"])).resolves.toHaveProperty("user");
    await users.removeAll();
  });
});

describe("resolveTokens with a Cognito pool", () => {
  it("signs in users only for the roles not given, and says how it got each", async () => {
    const runId = createRunId();
    const resolved = await resolveTokens(
      "http://unused.invalid",
      { admin: "given-admin-token" },
      runId,
      pool,
    );

    expect(resolved.tokens.admin).toBe("given-admin-token");
    expect(payload(resolved.tokens.user).token_use).toBe("id");
    expect(resolved.source).toBe(
      `given (admin); signed in 2 test users (user, otherUser) at Cognito pool ${pool.userPoolId}`,
    );
    expect(resolved.cognitoUsers?.usernames).toHaveLength(2);
    expect(await resolved.cognitoUsers!.removeAll()).toBe(2);
  });

  it("prefers the pool to /_local/token when no token is given", async () => {
    const resolved = await resolveTokens("http://unused.invalid", {}, createRunId(), pool);
    expect(resolved.source).toBe(`signed in 3 test users at Cognito pool ${pool.userPoolId}`);
    await resolved.cognitoUsers!.removeAll();
  });

  it("removes the users it made when signing in fails, and names the pool and the call", async () => {
    const runId = createRunId();
    const wrongClient = { ...pool, clientId: "no-such-client" };

    const error = await resolveTokens("http://unused.invalid", {}, runId, wrongClient).catch(
      (caught: Error) => caught,
    );

    expect((error as Error).message).toMatch(
      new RegExp(
        `^Cognito AdminInitiateAuth on pool ${pool.userPoolId} for \\S+ failed: .*ResourceNotFoundException`,
      ),
    );
    expect(await usersOfRun(pool, runId)).toEqual([]);
  });
});

describe("cognitoError", () => {
  it("names the client and the setting to change when ADMIN_USER_PASSWORD_AUTH is not enabled", () => {
    // The error AWS answers AdminInitiateAuth with in that case (cognito-local never does, see above).
    const notEnabled = new InvalidParameterException({
      message: "Auth flow not enabled for this client",
      $metadata: { httpStatusCode: 400 },
    });

    const { message } = cognitoError(pool, "AdminInitiateAuth", notEnabled, "contract-x-user@example.com");

    expect(message).toBe(
      `Cognito AdminInitiateAuth on pool ${pool.userPoolId} for contract-x-user@example.com failed: ` +
        `app client ${pool.clientId} does not allow ADMIN_USER_PASSWORD_AUTH; enable authFlows.adminUserPassword ` +
        "on it (CDK UserPoolClient; console: ALLOW_ADMIN_USER_PASSWORD_AUTH) or pass a client that has it " +
        "(Cognito said InvalidParameterException: Auth flow not enabled for this client)",
    );
  });

  it("keeps other errors as they are, on one line", () => {
    const error = Object.assign(new Error("Rate exceeded\n  try later"), {
      name: "TooManyRequestsException",
    });
    expect(cognitoError(pool, "AdminCreateUser", error).message).toBe(
      `Cognito AdminCreateUser on pool ${pool.userPoolId} failed: TooManyRequestsException: Rate exceeded try later`,
    );
  });
});
