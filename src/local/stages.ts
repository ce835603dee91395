/**
 * Mirrors production's custom-domain base path mappings: `api.<domain>/v1` is mapped to stage `prodv1`,
 * whose `alias` stage variable selects the Lambda alias every integration URI is qualified with.
 */
export interface StageMapping {
  basePath: string;
  stage: string;
  stageVariables: Readonly<Record<string, string>>;
}

export const STAGE_MAPPINGS: readonly StageMapping[] = [
  { basePath: "v1", stage: "prodv1", stageVariables: { alias: "v1" } },
  { basePath: "v2", stage: "prodv2", stageVariables: { alias: "v2" } },
];

export function stageForBasePath(basePath: string): StageMapping {
  const mapping = STAGE_MAPPINGS.find((candidate) => candidate.basePath === basePath);
  if (!mapping) {
    const known = STAGE_MAPPINGS.map((candidate) => candidate.basePath).join(", ");
    throw new Error(`No stage is mapped to base path "${basePath}" (known: ${known})`);
  }
  return mapping;
}
