/**
 * The release gate's channel: SSM parameters in the region being released. CodeDeploy invokes the
 * gate's BeforeAllowTraffic hook for every function whose live alias is about to move; the hook marks
 * the release as waiting, then waits for the release command's verdict (the contract suite against the
 * region's preview stages) and reports it to CodeDeploy. One verdict serves every function of a
 * release, so the whole API is tested once, as users will see it.
 */

/** Everything under this prefix belongs to the gate: the hook's IAM policy is scoped to it. */
export const gateParameterPrefix = (app: string): string => `/${app}/release-gate`;

export const gateParameters = (app: string, releaseId: string) => ({
  /** Written by the hook when CodeDeploy first asks: the candidate is serving on the preview stages. */
  waiting: `${gateParameterPrefix(app)}/${releaseId}/waiting`,
  /** Written by the release command: `passed`, or `failed: <reason>`. */
  verdict: `${gateParameterPrefix(app)}/${releaseId}/verdict`,
});

export type GateVerdict = { passed: true } | { passed: false; reason: string };

export function formatVerdict(verdict: GateVerdict): string {
  return verdict.passed ? "passed" : `failed: ${verdict.reason}`.slice(0, 4000);
}

export function parseVerdict(value: string | undefined): GateVerdict | undefined {
  if (value === undefined) return undefined;
  if (value === "passed") return { passed: true };
  return { passed: false, reason: value.replace(/^failed:\s*/, "") || "no reason given" };
}

/** Environment of the hook function. */
export const GATE_ENV = {
  app: "CELLAR_APP_NAME",
  releaseId: "CELLAR_RELEASE_ID",
  pollSeconds: "CELLAR_GATE_POLL_SECONDS",
} as const;

/** CDK context key the release command passes (`--context releaseId=...`). */
export const RELEASE_ID_CONTEXT = "releaseId";
/** Without a release command (a bare `cdk deploy`), no verdict ever comes and the hook fails: nothing untested ships. */
export const UNRELEASED_ID = "unreleased";
