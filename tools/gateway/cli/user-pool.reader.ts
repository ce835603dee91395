import type { ArnTarget } from "../definition/arn.rewriter.js";
import { COGNITO_LOCAL, userPoolArnProblem, userPoolRegion } from "../definition/user-pool.arn.js";
import type { OptionValues } from "./command.js";
import { GatewayCliError } from "./gateway-cli.error.js";
import { EXAMPLE } from "./help-examples.js";
import { keyValues, optional, region } from "./option-readers.js";

export type UserPoolTarget = Pick<ArnTarget, "userPoolArn" | "userPoolId">;

export const USER_POOL_HELP = {
  arn: `  --user-pool-arn <arn>     the Cognito user pool every region's authorizer trusts, by full ARN,
                            written as is: ${EXAMPLE.userPoolArn}`,
  id: `  --user-pool-id <id>       the pool by id: its ARN's region is the id's prefix, whatever --region
                            is (cognito-local's pools, local_AbC123, have region and account local)`,
  perRegion: `  --user-pools <r=id,...>   per-region pools instead: region r's authorizer trusts pool id
                            (without a pool flag, the pool ARN of the definition is kept)`,
};

/**
 * `--user-pool-arn` (one pool, every region), `--user-pool-id`, or `--user-pools r=id,...` (per
 * region): which pool the Cognito authorizer of `region` trusts; nothing when none applies, so the
 * definition's own pool ARN is kept.
 */
export function readUserPool(values: OptionValues): (region: string) => UserPoolTarget {
  const arn = optional(values, "user-pool-arn");
  const id = optional(values, "user-pool-id");
  const perRegion = keyValues(values, "user-pools");
  const given = [
    arn ? "--user-pool-arn" : "",
    id ? "--user-pool-id" : "",
    Object.keys(perRegion).length ? "--user-pools" : "",
  ].filter(Boolean);
  if (given.length > 1) throw new GatewayCliError(`${given.join(" and ")} both name the user pool; pass one`);
  if (arn) {
    const problem = userPoolArnProblem(arn);
    if (problem) throw new GatewayCliError(`--user-pool-arn: ${arn} names no user pool: ${problem}`);
    return () => ({ userPoolArn: arn });
  }
  if (id) return () => ({ userPoolId: userPoolId(id, "user-pool-id") });
  for (const [poolRegion, poolId] of Object.entries(perRegion)) {
    region(poolRegion, "user-pools");
    userPoolId(poolId, "user-pools");
  }
  return (target) => (perRegion[target] ? { userPoolId: perRegion[target] } : {});
}

/** A pool id starts with the pool's region (`us-east-1_AbC123`), or with `local` for cognito-local. */
function userPoolId(value: string, name: string): string {
  if (!userPoolRegion(value)) {
    throw new GatewayCliError(
      `--${name}: "${value}" is not a Cognito user pool id (like ${EXAMPLE.userPoolId}, or ${COGNITO_LOCAL}_AbC123 in cognito-local)`,
    );
  }
  return value;
}
