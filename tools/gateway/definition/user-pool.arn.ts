/**
 * Cognito user pool ids and ARNs. One pool, in the home region, serves every region's API: a
 * COGNITO_USER_POOLS authorizer names its pools by full ARN, and the pool may live in another Region
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html:
 * "choose the AWS Region where you created your Amazon Cognito" pool) or account
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-cross-account-cognito-authorizer.html:
 * "enter the full ARN for the user pool"). So a pool ARN's region is always the pool's own region,
 * the prefix of its id, never the region of the API that trusts it.
 */

/** cognito-local, the Cognito emulator of the offline rehearsal: pool `local_AbC123`, account `local`. */
export const COGNITO_LOCAL = "local";

const REGION = "[a-z]{2}(?:-[a-z]+)+-\\d+";

/** `us-east-1_AbC123`, or cognito-local's `local_AbC123`; group 1 is the pool's region. */
export const USER_POOL_ID_PATTERN = new RegExp(`^(${REGION}|${COGNITO_LOCAL})_[A-Za-z0-9]+$`);

export interface UserPoolArnParts {
  partition: string;
  region: string;
  account: string;
  poolId: string;
}

const USER_POOL_ARN_PATTERN = /^arn:(aws[a-z-]*):cognito-idp:([^:]*):([^:]*):userpool\/([^/]+)$/;

/** The region in a pool id (`us-east-1_AbC` → `us-east-1`), or undefined if it is no pool id. */
export function userPoolRegion(poolId: string): string | undefined {
  return USER_POOL_ID_PATTERN.exec(poolId)?.[1];
}

/**
 * Why `arn` names no user pool, or undefined if it does: its region must be its pool id's prefix,
 * and its account 12 digits (`local` only in a cognito-local ARN).
 */
export function userPoolArnProblem(arn: string): string | undefined {
  const parts = parseUserPoolArn(arn);
  if (!parts) return "not a user pool ARN (arn:aws:cognito-idp:<region>:<account>:userpool/<pool id>)";
  const poolRegion = userPoolRegion(parts.poolId);
  if (!poolRegion) return `"${parts.poolId}" is not a user pool id (like us-east-1_AbC123)`;
  if (parts.region !== poolRegion) {
    return `its region ${parts.region || "(empty)"} is not the region of pool ${parts.poolId} (${poolRegion})`;
  }
  if (poolRegion === COGNITO_LOCAL) {
    return parts.account === COGNITO_LOCAL
      ? undefined
      : `cognito-local pool ARNs have account ${COGNITO_LOCAL}, not "${parts.account}"`;
  }
  if (!/^\d{12}$/.test(parts.account)) {
    return `"${parts.account}" is not a 12-digit account id (only cognito-local pools have account ${COGNITO_LOCAL})`;
  }
  return undefined;
}

export function parseUserPoolArn(arn: string): UserPoolArnParts | undefined {
  const match = USER_POOL_ARN_PATTERN.exec(arn);
  if (!match) return undefined;
  const [, partition, region, account, poolId] = match as unknown as [string, string, string, string, string];
  return { partition, region, account, poolId };
}
