import fc from "fast-check";

export type PropertyKind = "valid" | "invalid" | "stateful";

export interface PropertyFailure {
  seed: number;
  /** fast-check's replay path to the shrunk counterexample. */
  path: string | null;
  shrinks: number;
  counterexample: string;
  failures: string[];
}

export interface PropertyResult {
  /** The operationId, or `model` for the stateful sequences. */
  subject: string;
  kind: PropertyKind;
  /** Generated cases (or sequences) tried, shrinking excluded. */
  runs: number;
  failure?: PropertyFailure;
}

/** Thrown by a property when the API got a case wrong; carries every rule the response broke. */
export class CaseFailure extends Error {
  constructor(readonly failures: string[]) {
    super(failures.join("\n"));
  }
}

/**
 * Runs one property with fast-check: `numRuns` cases from `seed`, and on failure the shrunk
 * (minimal) counterexample, described for humans together with what was wrong with the answer.
 */
export async function checkProperty<T>(
  subject: string,
  kind: PropertyKind,
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => Promise<void>,
  describe: (value: T) => string,
  params: { seed: number; numRuns: number },
): Promise<PropertyResult> {
  const details = await fc.check(fc.asyncProperty(arbitrary, predicate), {
    seed: params.seed,
    numRuns: params.numRuns,
  });
  if (!details.failed) return { subject, kind, runs: details.numRuns };
  const error = details.errorInstance;
  return {
    subject,
    kind,
    runs: details.numRuns,
    failure: {
      seed: details.seed,
      path: details.counterexamplePath,
      shrinks: details.numShrinks,
      counterexample: details.counterexample ? describe(details.counterexample[0]) : "(none)",
      failures:
        error instanceof CaseFailure ? error.failures : [String((error as Error | null)?.message ?? error)],
    },
  };
}
