import {
  GATEWAY_PLACEHOLDERS as PLACEHOLDER,
  placeholdersIn,
  USER_POOL_ARN_PLACEHOLDER,
} from "../../../src/topology/gateway-placeholders.js";
import { userPoolArn } from "../../../src/topology/topology.js";
import { type JsonObject, mapStrings } from "./json.util.js";
import { COGNITO_LOCAL, type UserPoolArnParts, userPoolRegion } from "./user-pool.arn.js";

/** Where a definition is going: region- and account-bound values are rewritten to these. */
export interface ArnTarget {
  region: string;
  /** Rewrite account ids too (cross-account copies); without it, account ids are kept as they are. */
  accountId?: string;
  /** The user pool the Cognito authorizer trusts, by full ARN, written as is (one pool for all regions). */
  userPoolArn?: string;
  /** Or by id; its ARN takes the region from the id's prefix (topology's `userPoolArn()`). */
  userPoolId?: string;
}

export interface ArnRewrite {
  pointer: string;
  from: string;
  to: string;
}

export interface UnfilledPlaceholder {
  pointer: string;
  placeholder: string;
}

export interface RewriteResult {
  document: JsonObject;
  rewrites: ArnRewrite[];
  unfilled: UnfilledPlaceholder[];
}

export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;
export const ACCOUNT_PATTERN = /^\d{12}$/;

// The first fields of any ARN. For `arn:aws:apigateway:<region>:<service>:...` the fifth field names
// the integrated service rather than an account, so it is never treated as an account id.
const ARN_HEAD = /arn:(aws[a-z-]*):([a-z0-9-]+):([^:/\s"]*):([^:/\s"]*):/g;
const USER_POOL_ARN = /arn:(aws[a-z-]*):cognito-idp:([^:/\s"]*):([^:/\s"]*):userpool\/([^/\s"]+)/g;

function isRegionField(field: string): boolean {
  return field === PLACEHOLDER.region || REGION_PATTERN.test(field);
}

function isAccountField(service: string, field: string): boolean {
  return service !== "apigateway" && (field === PLACEHOLDER.accountId || ACCOUNT_PATTERN.test(field));
}

/**
 * Rewrites every region- and account-bound ARN in a definition (Lambda integration URIs, Lambda
 * authorizer URIs, IAM credentials) for `target`, and fills the codegen placeholders. Cognito user
 * pool ARNs are never moved to the target region: a pool lives in one region and is trusted from any
 * (see user-pool.arn.ts); only a pool named by `target` replaces them. Reports whatever placeholder is
 * left, rather than letting API Gateway reject it.
 */
export function rewriteArns(document: JsonObject, target: ArnTarget): RewriteResult {
  const rewrites: ArnRewrite[] = [];
  const rewritten = mapStrings(document, (text, pointer) => {
    if (!text.includes("arn:")) return text;
    let next = text.replace(
      USER_POOL_ARN,
      (_match, partition: string, region: string, account: string, poolId: string) =>
        targetUserPoolArn({ partition, region, account, poolId }, target),
    );
    next = next.replace(
      ARN_HEAD,
      (match, partition: string, service: string, region: string, account: string) => {
        if (service === "cognito-idp") return match;
        const newRegion = region && isRegionField(region) && service !== "iam" ? target.region : region;
        const newAccount = target.accountId && isAccountField(service, account) ? target.accountId : account;
        return newRegion === region && newAccount === account
          ? match
          : `arn:${partition}:${service}:${newRegion}:${newAccount}:`;
      },
    );
    if (next !== text) rewrites.push({ pointer, from: text, to: next });
    return next;
  }) as JsonObject;
  return { document: rewritten, rewrites, unfilled: findPlaceholders(rewritten) };
}

/**
 * The pool ARN to write in place of `found`: the one `target` names, else `found` with its
 * placeholders filled. Its region always comes from the pool id; a concrete account is kept unless
 * `target` names the pool by id (then `target.accountId` owns it); cognito-local pools have account
 * `local`.
 */
function targetUserPoolArn(found: UserPoolArnParts, target: ArnTarget): string {
  if (target.userPoolArn) return target.userPoolArn;
  const poolId = target.userPoolId ?? found.poolId;
  const poolRegion = userPoolRegion(poolId);
  if (!poolRegion) {
    // No pool named yet: only the account can be filled; the region comes with the pool.
    const account =
      found.account === PLACEHOLDER.accountId ? (target.accountId ?? found.account) : found.account;
    return `arn:${found.partition}:cognito-idp:${found.region}:${account}:userpool/${found.poolId}`;
  }
  const keepsAccount = !target.userPoolId && ACCOUNT_PATTERN.test(found.account);
  const account =
    poolRegion === COGNITO_LOCAL
      ? COGNITO_LOCAL
      : keepsAccount
        ? found.account
        : (target.accountId ?? found.account);
  return userPoolArn(poolId, account, found.partition);
}

/** Every `{{name}}` left in a definition, with its JSON Pointer. */
export function findPlaceholders(document: unknown): UnfilledPlaceholder[] {
  const found: UnfilledPlaceholder[] = [];
  mapStrings(document, (text, pointer) => {
    for (const placeholder of placeholdersIn(text)) found.push({ pointer, placeholder });
    return text;
  });
  return found;
}

/** How the command at hand lets the user supply each value. */
export interface FlagHints {
  account: string;
  userPool: string;
}

/** One line naming the placeholders left and the flags that fill them. */
export function describeUnfilled(unfilled: UnfilledPlaceholder[], flagHints: FlagHints): string {
  const names = [...new Set(unfilled.map((item) => item.placeholder))];
  const hints: Record<string, string> = {
    [PLACEHOLDER.accountId]: flagHints.account,
    [PLACEHOLDER.userPoolId]: flagHints.userPool,
  };
  const flags = names.map((name) => hints[name]).filter((flag): flag is string => Boolean(flag));
  const first = unfilled[0]?.pointer ?? "";
  return `${names.join(", ")} left unfilled in ${new Set(unfilled.map((item) => item.pointer)).size} place(s) (first at ${first})${
    flags.length ? `; pass ${[...new Set(flags)].join(" and ")}` : ""
  }`;
}

/**
 * The inverse, for comparing definitions across regions and with the generated one: region, account
 * and user pool id in ARNs become the codegen placeholders again.
 */
export function canonicalizeArns(document: JsonObject): JsonObject {
  return mapStrings(document, (text) => {
    if (!text.includes("arn:")) return text;
    return text
      .replace(USER_POOL_ARN, (_match, partition: string) =>
        USER_POOL_ARN_PLACEHOLDER.replace(/^arn:aws:/, `arn:${partition}:`),
      )
      .replace(ARN_HEAD, (match, partition: string, service: string, region: string, account: string) => {
        const newRegion = region && isRegionField(region) ? PLACEHOLDER.region : region;
        const newAccount = isAccountField(service, account) ? PLACEHOLDER.accountId : account;
        return newRegion === region && newAccount === account
          ? match
          : `arn:${partition}:${service}:${newRegion}:${newAccount}:`;
      });
  }) as JsonObject;
}
