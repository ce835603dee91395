/** What a signed-in user holds: the ID token the API's Cognito authorizer checks, and what renews it. */
export interface Tokens {
  /** Shown in the header: the e-mail address with Cognito, the chosen name locally. */
  user: string;
  /**
   * The ID token, not the access token: with no OAuth scopes on any method, API Gateway's Cognito
   * authorizer accepts ID tokens only.
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html
   */
  idToken: string;
  refreshToken?: string;
}

/** One way of getting tokens: Cognito's API (cognito-sign-in.ts) or the local stage's mint (local-sign-in.ts). */
export interface SignInMethod {
  /** Cognito asks for an e-mail and a password (and can sign people up); the local mint for a name. */
  readonly kind: "cognito" | "local";
  signIn(user: string, password: string): Promise<Tokens>;
  /** New tokens for the same user, or undefined when they must sign in again. */
  refresh(tokens: Tokens): Promise<Tokens | undefined>;
  signOut(tokens: Tokens): Promise<void>;
  /** Creates an account; Cognito e-mails a code that `confirmSignUp` takes. */
  signUp?(email: string, password: string): Promise<void>;
  confirmSignUp?(email: string, code: string): Promise<void>;
}

/** A JWT's claims, unverified: only for display, the API verifies the token itself. */
export function readClaims(token: string): Record<string, unknown> {
  const payload = token.split(".")[1] ?? "";
  const base64 = payload.replace(/-/g, "+").replace(/_/g, "/");
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}
