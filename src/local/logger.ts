export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

export const consoleLogger: Logger = {
  info: (message) => console.log(message),
  error: (message, error) => (error === undefined ? console.error(message) : console.error(message, error)),
};

export function formatRequestLine(
  method: string,
  path: string,
  status: number | "aborted",
  elapsedMs: number,
  operationId: string | undefined,
  target?: string,
): string {
  const line = `${method} ${path} -> ${status} (${Math.round(elapsedMs)} ms) ${operationId ?? "-"}`;
  return target ? `${line} ${target}` : line;
}
