import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { type CognitoOperation, cognitoError } from "./cognito-errors.js";
import type { CognitoPoolConfig } from "./cognito-pool.js";
import { generateTestPassword } from "./test-password.js";
import { ROLE_GROUPS, roleEmail, TOKEN_ROLES, type TokenRole, type Tokens } from "./token-roles.js";

/**
 * The run's callers as real users of a Cognito user pool: created, put in their groups and signed in
 * with the admin API, then deleted by `removeAll()`. User names are e-mails (Cellar's pool signs in
 * by e-mail, and cognito-local insists on it): `contract-<runid>-admin@example.com`, ...
 */
export class CognitoTestUsers {
  readonly pool: CognitoPoolConfig;
  readonly #runId: string;
  readonly #client: CognitoIdentityProviderClient;
  // One password for the run's users, made here and sent only to Cognito: never logged.
  readonly #password = generateTestPassword();
  readonly #created = new Set<string>();

  constructor(pool: CognitoPoolConfig, runId: string) {
    this.pool = pool;
    this.#runId = runId;
    this.#client = new CognitoIdentityProviderClient({
      region: pool.region,
      ...(pool.endpoint ? { endpoint: pool.endpoint } : {}),
      // cognito-local ignores credentials, but the SDK refuses to send a request it cannot sign.
      ...(pool.endpoint && pool.userPoolId.startsWith("local_")
        ? { credentials: { accessKeyId: "cognito-local", secretAccessKey: "cognito-local" } }
        : {}),
    });
  }

  /** User names created and not removed yet. */
  get usernames(): string[] {
    return [...this.#created];
  }

  /**
   * Creates one user per role (all three by default) and returns their ID tokens. When one fails,
   * the others still finish, so `removeAll()` knows every user that exists.
   */
  async signIn<R extends TokenRole = TokenRole>(
    roles: readonly R[] = TOKEN_ROLES as readonly R[],
  ): Promise<Pick<Tokens, R>> {
    const settled = await Promise.allSettled(roles.map((role) => this.#signInRole(role)));
    const failure = settled.find((result) => result.status === "rejected");
    if (failure) throw failure.reason;
    const tokens = settled.map((result) => (result as PromiseFulfilledResult<string>).value);
    return Object.fromEntries(roles.map((role, index) => [role, tokens[index]])) as Pick<Tokens, R>;
  }

  /** Deletes every user this instance created; resolves to how many. A user already gone counts. */
  async removeAll(): Promise<number> {
    const usernames = this.usernames;
    const settled = await Promise.allSettled(
      usernames.map(async (username) => {
        try {
          await this.#client.send(
            new AdminDeleteUserCommand({ UserPoolId: this.pool.userPoolId, Username: username }),
          );
        } catch (error) {
          if ((error as Error).name !== "UserNotFoundException")
            throw cognitoError(this.pool, "AdminDeleteUser", error, username);
        }
        this.#created.delete(username);
      }),
    );
    const failures = settled.flatMap((result) =>
      result.status === "rejected" ? [(result.reason as Error).message] : [],
    );
    if (failures.length > 0) {
      throw new Error(
        `${failures.length} of ${usernames.length} test users not removed: ${failures.join("; ")}`,
      );
    }
    return usernames.length;
  }

  async #signInRole(role: TokenRole): Promise<string> {
    const UserPoolId = this.pool.userPoolId;
    const Username = roleEmail(this.#runId, role);
    await this.#call("AdminCreateUser", Username, () =>
      this.#client.send(
        new AdminCreateUserCommand({
          UserPoolId,
          Username,
          // No invitation e-mail: example.com does not receive mail, and bounces hurt the pool's sender.
          MessageAction: "SUPPRESS",
          UserAttributes: [
            { Name: "email", Value: Username },
            { Name: "email_verified", Value: "true" },
          ],
        }),
      ),
    );
    this.#created.add(Username);
    // Permanent, so the user is CONFIRMED and signs in without a NEW_PASSWORD_REQUIRED challenge.
    await this.#call("AdminSetUserPassword", Username, () =>
      this.#client.send(
        new AdminSetUserPasswordCommand({ UserPoolId, Username, Password: this.#password, Permanent: true }),
      ),
    );
    for (const GroupName of ROLE_GROUPS[role]) {
      await this.#call("AdminAddUserToGroup", Username, () =>
        this.#client.send(new AdminAddUserToGroupCommand({ UserPoolId, Username, GroupName })),
      );
    }
    const auth = await this.#call("AdminInitiateAuth", Username, () =>
      this.#client.send(
        new AdminInitiateAuthCommand({
          UserPoolId,
          ClientId: this.pool.clientId,
          AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: Username, PASSWORD: this.#password },
        }),
      ),
    );
    // The ID token, not the access token: Cellar's methods declare no OAuth scopes, and a Cognito
    // authorizer without scopes expects an ID token, which also carries email and cognito:groups.
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html
    const idToken = auth.AuthenticationResult?.IdToken;
    if (!idToken) {
      const answer = auth.ChallengeName ? `the challenge ${auth.ChallengeName}` : "no ID token";
      throw cognitoError(
        this.pool,
        "AdminInitiateAuth",
        new Error(`answered with ${answer} instead of tokens (MFA or a custom auth flow on the pool?)`),
        Username,
      );
    }
    return idToken;
  }

  async #call<T>(operation: CognitoOperation, username: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw cognitoError(this.pool, operation, error, username);
    }
  }
}
