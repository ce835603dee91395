import {
  API_VERSIONS,
  apiName,
  lambdaAlias,
  stageName,
  stageVariables,
  userPoolArn,
} from "../../../src/topology/topology.js";

/**
 * Names the help texts show, taken from src/topology/topology.ts so that help and topology cannot
 * drift: an example version and its API, stages and Lambda aliases, and a home-region user pool.
 */
const version = API_VERSIONS.at(-1) ?? "v1";
const poolId = "us-east-1_AbC123";
const account = "123456789012";

export const EXAMPLE = {
  version,
  api: apiName(version),
  liveStage: stageName(version),
  previewStage: stageName(version, "preview"),
  liveAlias: lambdaAlias(version),
  previewAlias: lambdaAlias(version, "preview"),
  liveVariables: Object.entries(stageVariables(version))
    .map(([name, value]) => `${name}=${value}`)
    .join(","),
  /** `cellar-v1, cellar-v2`: every API of a region. */
  allApis: API_VERSIONS.map((item) => apiName(item)).join(", "),
  allVersions: API_VERSIONS.join(", "),
  account,
  userPoolId: poolId,
  userPoolArn: userPoolArn(poolId, account),
} as const;
