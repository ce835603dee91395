/** `seedSampleWineries` may report a count or the rows it inserted; either way the log says how many. */
export function describeSeeding(result: unknown): string {
  const count =
    typeof result === "number"
      ? result
      : Array.isArray(result)
        ? result.length
        : typeof (result as { count?: unknown } | null)?.count === "number"
          ? (result as { count: number }).count
          : undefined;
  if (count === undefined) return "Seeded the sample wineries";
  return count === 0 ? "Sample wineries already present, nothing seeded" : `Seeded ${count} sample wineries`;
}
