import { randomBytes } from "node:crypto";

/**
 * A fresh password for the run's test users: 192 random bits, plus one character of each class so
 * any Cognito password policy accepts it (upper, lower, digit, symbol; 36 characters). It is only
 * ever sent to Cognito, never logged: with AdminSetUserPassword it is a working credential.
 */
export function generateTestPassword(): string {
  return `${randomBytes(24).toString("base64url")}Aa1!`;
}
