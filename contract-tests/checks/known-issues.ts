/**
 * Probe cases that fail because of a bug in the API, not in the suite, while the bug awaits its fix.
 * Such a case still runs and is reported as a known issue without failing the run. Once it passes,
 * the run fails until the entry is removed here, so a fixed bug cannot regress unnoticed.
 */
export interface KnownIssue {
  operationId: string;
  status: number;
  /** The probe case's title, exactly. */
  title: string;
  issue: string;
}

export const KNOWN_ISSUES: readonly KnownIssue[] = [];

export function knownIssueFor(
  knownIssues: readonly KnownIssue[],
  operationId: string,
  status: number,
  title: string,
): KnownIssue | undefined {
  return knownIssues.find(
    (known) => known.operationId === operationId && known.status === status && known.title === title,
  );
}
