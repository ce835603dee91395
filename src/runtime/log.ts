/** One JSON line per event, which CloudWatch Logs Insights can query; nothing here reaches clients. */
export function logError(message: string, error: unknown, fields: Record<string, unknown> = {}): void {
  const err = error instanceof Error ? error : new Error(String(error));
  const cause = err.cause instanceof Error ? { cause: err.cause.message } : {};
  console.error(
    JSON.stringify({ level: "error", message, error: err.message, stack: err.stack, ...cause, ...fields }),
  );
}

/**
 * A failure the code recovers from on its own (the pool replaces a dead idle client): worth a line
 * in the logs, not an error-level event that would page someone or fail a quiet test run.
 */
export function logWarning(message: string, error: unknown, fields: Record<string, unknown> = {}): void {
  const err = error instanceof Error ? error : new Error(String(error));
  console.warn(JSON.stringify({ level: "warn", message, error: err.message, ...fields }));
}
