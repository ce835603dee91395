import { routes } from "../generated/routes.gen.js";
import { ALIAS_STAGE_VARIABLE } from "./gateway-placeholders.js";

/**
 * Where everything lives once deployed, written once. The CDK app, the gateway CLI, the local stage,
 * the release command, the rehearsal and the help texts all take names from here; a test proves they
 * agree (test/topology/topology-agreement.test.ts).
 *
 * Per region, per API version `<v>` (v1, v2, ... as the spec declares them):
 * - one REST API `<app>-<v>` (its own API: importing a definition in overwrite mode rewrites the
 *   whole resource tree, so versions sharing an API would overwrite each other);
 * - stage `prod<v>` (stage variable `alias=<v>`), mapped at `/<v>` on the shared, latency-routed
 *   name `api.<domain>` and on the regional name `<region>.api.<domain>`;
 * - stage `preview<v>` (`alias=<v>-preview`), mapped at `/<v>` on `preview.<region>.api.<domain>`
 *   only: it serves the release candidate to the contract suite before any user sees it;
 * - one Lambda function `<app>-<operationId>` per operation, alias `<v>` (live; moved by CodeDeploy)
 *   and alias `<v>-preview` (the candidate: always the version this deploy published).
 * One Cognito user pool, in the home region, trusted by every region's authorizer by its full ARN.
 */

export const DEFAULT_APP_NAME = "cellar";

export { ALIAS_STAGE_VARIABLE } from "./gateway-placeholders.js";

/** API versions, as the spec declares them (`/v1/...`, `/v2/...`), sorted. */
export const API_VERSIONS: readonly string[] = [...new Set(routes.map((route) => route.version))].sort();

export const apiName = (version: string, app: string = DEFAULT_APP_NAME): string => `${app}-${version}`;
export const functionName = (operationId: string, app: string = DEFAULT_APP_NAME): string =>
  `${app}-${operationId}`;

/** A stage is either live (what users reach) or preview (the release candidate, for the contract suite). */
export type StageRole = "live" | "preview";
export const STAGE_ROLES: readonly StageRole[] = ["live", "preview"];

export const stageName = (version: string, role: StageRole = "live"): string =>
  role === "live" ? `prod${version}` : `preview${version}`;
export const lambdaAlias = (version: string, role: StageRole = "live"): string =>
  role === "live" ? version : `${version}-preview`;
export const stageVariables = (version: string, role: StageRole = "live"): Record<string, string> => ({
  [ALIAS_STAGE_VARIABLE]: lambdaAlias(version, role),
});

/** The base path a stage is mapped at on its custom domain: the version, whatever the role. */
export const basePath = (version: string): string => version;

/** `api.example.com` → `eu-west-1.api.example.com`: one region, directly (health checks, the release). */
export const regionalHost = (apiDomainName: string, region: string): string => `${region}.${apiDomainName}`;
/** `preview.eu-west-1.api.example.com`: the preview stages of one region. */
export const previewHost = (apiDomainName: string, region: string): string =>
  `preview.${region}.${apiDomainName}`;

export const regionalEndpoint = (apiDomainName: string, region: string): string =>
  `https://${regionalHost(apiDomainName, region)}`;
export const previewEndpoint = (apiDomainName: string, region: string): string =>
  `https://${previewHost(apiDomainName, region)}`;

/**
 * What Route 53 requests to decide whether a region's version serves: a public read through the
 * whole data path (function, RDS Proxy, database) of a spot with no winery, so it stays cheap. A
 * region whose database cannot be reached answers 503 there and stops receiving users; `/ping`
 * would keep answering 200. v1 asks by `lat`/`lng`; later versions by `near`, as v2 does (a version
 * that changes this shape fails test/regions/health-check.test.ts until it is added here).
 * Route 53 allows a query string in the path (HealthCheckConfig, ResourcePath:
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html).
 */
export const healthCheckPath = (version: string): string =>
  version === "v1"
    ? "/v1/wineries?lat=0&lng=0&radiusKm=0.1"
    : `/${version}/wineries?near=0,0&radius=1&limit=1`;

/** `arn:aws:cognito-idp:<pool region>:<account>:userpool/<id>`: the pool's own region, never the API's. */
export function userPoolArn(poolId: string, account: string, partition = "aws"): string {
  const region = poolId.slice(0, poolId.indexOf("_"));
  if (!region) throw new Error(`"${poolId}" is not a Cognito user pool id (like us-east-1_AbC123)`);
  return `arn:${partition}:cognito-idp:${region}:${account}:userpool/${poolId}`;
}

/** One stage of one version: everything a tool needs to address it. */
export interface StageAddress {
  version: string;
  role: StageRole;
  api: string;
  stage: string;
  basePath: string;
  variables: Record<string, string>;
}

export function stageAddress(version: string, role: StageRole = "live", app?: string): StageAddress {
  return {
    version,
    role,
    api: apiName(version, app),
    stage: stageName(version, role),
    basePath: basePath(version),
    variables: stageVariables(version, role),
  };
}

/** Every stage of a deployment in one region, in a stable order. */
export function allStages(app?: string, versions: readonly string[] = API_VERSIONS): StageAddress[] {
  return STAGE_ROLES.flatMap((role) => versions.map((version) => stageAddress(version, role, app)));
}

/**
 * Generated definitions integrate the default app's functions (`:function:cellar-<operationId>`); a
 * deployment named otherwise calls `<app>-<operationId>`. One rule for the CDK app and the gateway CLI.
 */
export function renameFunctions(text: string, app: string = DEFAULT_APP_NAME): string {
  return text.replaceAll(`:function:${functionName("")}`, `:function:${functionName("", app)}`);
}
