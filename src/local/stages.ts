import { API_VERSIONS, basePath, stageName, stageVariables } from "../topology/topology.js";

/**
 * Mirrors production's custom-domain base path mappings (src/topology/topology.ts): `/<v>` is mapped to
 * stage `prod<v>`, whose `alias` stage variable selects the Lambda alias every integration URI is
 * qualified with. Every version the spec declares is served, not a hard-coded pair.
 */
export interface StageMapping {
  basePath: string;
  stage: string;
  stageVariables: Readonly<Record<string, string>>;
}

export const STAGE_MAPPINGS: readonly StageMapping[] = API_VERSIONS.map((version) => ({
  basePath: basePath(version),
  stage: stageName(version),
  stageVariables: stageVariables(version),
}));

export function stageForBasePath(basePath: string): StageMapping {
  const mapping = STAGE_MAPPINGS.find((candidate) => candidate.basePath === basePath);
  if (!mapping) {
    const known = STAGE_MAPPINGS.map((candidate) => candidate.basePath).join(", ");
    throw new Error(`No stage is mapped to base path "${basePath}" (known: ${known})`);
  }
  return mapping;
}
