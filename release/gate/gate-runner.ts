import { PutParameterCommand, type SSMClient } from "@aws-sdk/client-ssm";
import { readParameter } from "./gate-hook.js";
import { formatVerdict, type GateVerdict, gateParameters } from "./gate-parameters.js";

/** What one contract-suite run against a stage reports. */
export interface SuiteSummary {
  exitCode: number;
  /** Graded exchanges (Dredd transactions and probe cases). */
  checks: number;
  failed: number;
}

export type GateOutcome =
  | { kind: "no-hook" }
  | { kind: "judged"; verdict: GateVerdict; summary: SuiteSummary };

export interface GateRunInput {
  ssm: SSMClient;
  app: string;
  releaseId: string;
  /** Settles when the region's deploy has ended, whatever the outcome. */
  deployment: Promise<unknown>;
  /** The contract suite against the region's preview stages. */
  testCandidate: () => Promise<SuiteSummary>;
  wait: (ms: number) => Promise<void>;
  pollMs: number;
  log: (line: string) => void;
}

/**
 * The release command's half of the gate: once a hook says the candidate is serving on the preview
 * stages, run the contract suite there and write the verdict every waiting hook reads. A deploy that
 * moves no live alias (nothing but infrastructure changed) ends without asking, and there is nothing
 * to judge.
 */
export async function runGate(input: GateRunInput): Promise<GateOutcome> {
  const names = gateParameters(input.app, input.releaseId);
  let ended = false;
  void input.deployment.then(
    () => {
      ended = true;
    },
    () => {
      ended = true;
    },
  );
  while (!ended) {
    const deploymentId = await readParameter(input.ssm, names.waiting);
    if (deploymentId !== undefined) {
      input.log(
        `gate: CodeDeploy is waiting (deployment ${deploymentId}); contract suite on the preview stages`,
      );
      // A suite that cannot run is a failed verdict now, not every hook waiting out its deadline.
      const summary = await input.testCandidate().catch((error: unknown) => {
        input.log(`gate: the contract suite could not run: ${(error as Error).message}`);
        return { exitCode: 1, checks: 0, failed: 0 };
      });
      const verdict: GateVerdict =
        summary.exitCode === 0
          ? { passed: true }
          : {
              passed: false,
              reason: `${summary.failed} of ${summary.checks} contract checks failed on the preview stages`,
            };
      await input.ssm.send(
        new PutParameterCommand({
          Name: names.verdict,
          Value: formatVerdict(verdict),
          Type: "String",
          Overwrite: true,
        }),
      );
      input.log(`gate: verdict ${formatVerdict(verdict)}`);
      return { kind: "judged", verdict, summary };
    }
    await input.wait(input.pollMs);
  }
  return { kind: "no-hook" };
}
