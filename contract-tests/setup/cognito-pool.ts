/** Where the suite signs in its test users: a Cognito user pool and an app client of it. */
export interface CognitoPoolConfig {
  userPoolId: string;
  clientId: string;
  region: string;
  /** Another endpoint than AWS's, e.g. cognito-local's `http://localhost:9229`. */
  endpoint?: string;
}

// AWS pool ids are `<region>_<id>`, e.g. `eu-central-1_AbC123`; cognito-local's are `local_<id>`.
const REGION_PREFIX = /^([a-z]{2}(?:-[a-z]+)+-\d+)_/;

/** The region a pool id names, or undefined when its prefix is not a region (cognito-local). */
export function regionOfUserPoolId(userPoolId: string): string | undefined {
  return REGION_PREFIX.exec(userPoolId)?.[1];
}
