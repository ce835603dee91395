export const DEFAULT_PORT = 3000;
/** Loopback only: the stage mints tokens for anyone who asks, so it must not be reachable from the network. */
export const DEFAULT_HOST = "127.0.0.1";

export interface StartupConfig {
  port: number;
  host: string;
}

export function readStartupConfig(env: NodeJS.ProcessEnv = process.env): StartupConfig {
  const rawPort = env.PORT?.trim();
  const port = rawPort ? Number(rawPort) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${env.PORT}"`);
  }
  return { port, host: env.HOST?.trim() || DEFAULT_HOST };
}

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
