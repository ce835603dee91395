import {
  type AuthenticationResultType,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { CognitoConfig } from "./app-config.js";
import { readClaims, type SignInMethod, type Tokens } from "./sign-in.js";

/**
 * Signs in with Cognito's own API through the AWS SDK: USER_PASSWORD_AUTH (cognito-local, which the
 * local stage and the browser test use, has no SRP), REFRESH_TOKEN_AUTH to renew, RevokeToken on
 * sign-out, SignUp and ConfirmSignUp. These calls are unauthenticated (the app client is public and
 * has no secret), so the SDK needs no AWS credentials.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html
 */
export function cognitoSignIn(config: CognitoConfig): SignInMethod {
  const cognito = new CognitoIdentityProviderClient({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
  });
  const ClientId = config.clientId;
  const tokensOf = (result: AuthenticationResultType | undefined, refreshToken?: string): Tokens => {
    if (!result?.IdToken) throw new Error("Cognito asked for another step this app does not support");
    const claims = readClaims(result.IdToken);
    const user = String(claims.email ?? claims["cognito:username"] ?? claims.sub);
    const refresh = result.RefreshToken ?? refreshToken;
    return { user, idToken: result.IdToken, ...(refresh ? { refreshToken: refresh } : {}) };
  };
  return {
    kind: "cognito",
    async signIn(email, password) {
      const { AuthenticationResult } = await cognito.send(
        new InitiateAuthCommand({
          ClientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: email, PASSWORD: password },
        }),
      );
      return tokensOf(AuthenticationResult);
    },
    async refresh(tokens) {
      if (!tokens.refreshToken) return undefined;
      try {
        const { AuthenticationResult } = await cognito.send(
          new InitiateAuthCommand({
            ClientId,
            AuthFlow: "REFRESH_TOKEN_AUTH",
            AuthParameters: { REFRESH_TOKEN: tokens.refreshToken },
          }),
        );
        // Cognito returns no new refresh token unless rotation is on: keep the one we have.
        return tokensOf(AuthenticationResult, tokens.refreshToken);
      } catch {
        return undefined; // expired or revoked: the user signs in again
      }
    },
    async signOut(tokens) {
      if (tokens.refreshToken)
        await cognito.send(new RevokeTokenCommand({ ClientId, Token: tokens.refreshToken }));
    },
    async signUp(email, password) {
      await cognito.send(
        new SignUpCommand({
          ClientId,
          Username: email,
          Password: password,
          UserAttributes: [{ Name: "email", Value: email }],
        }),
      );
    },
    async confirmSignUp(email, code) {
      await cognito.send(new ConfirmSignUpCommand({ ClientId, Username: email, ConfirmationCode: code }));
    },
  };
}
