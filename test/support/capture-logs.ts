import { format } from "node:util";
import { onTestFinished } from "vitest";

/**
 * Console output of the test process, in two kinds: what a test captured on purpose (captureLogs)
 * and error-level lines nobody captured, which the setup file quiet-logs.setup.ts turns into a
 * failure. An error-level line is anything on console.error, or a JSON log line with
 * `"level":"error"` (src/runtime/log.ts) on any console method.
 */

const METHODS = ["error", "warn", "log", "info"] as const;
type Method = (typeof METHODS)[number];

export interface CapturedLogs {
  /** Every line printed while capturing, in order, formatted as the console would. */
  readonly lines: string[];
  /** The error-level ones among them. */
  errors(): string[];
  /** The error-level JSON log lines (src/runtime/log.ts), parsed: `{ level, message, status, ... }`. */
  events(): Record<string, unknown>[];
}

interface Line {
  method: Method;
  text: string;
}

let capturing: Line[] | undefined;
const uncapturedErrors: string[] = [];

export function isErrorLevel(method: Method, text: string): boolean {
  return method === "error" || jsonObject(text).some((event) => event.level === "error");
}

/** The JSON object a log line holds, as a list of zero or one. */
function jsonObject(text: string): Record<string, unknown>[] {
  if (!text.startsWith("{")) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? [Object.fromEntries(Object.entries(parsed))]
      : [];
  } catch {
    return [];
  }
}

/** Wraps the console once per test file (vitest setupFiles); printing what is not captured as before. */
export function watchConsole(): void {
  for (const method of METHODS) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      const text = format(...args);
      if (capturing) {
        capturing.push({ method, text });
        return;
      }
      if (isErrorLevel(method, text)) uncapturedErrors.push(text);
      original(...args);
    };
  }
}

/** The error-level lines printed and not captured since the last call. */
export function takeUncapturedErrors(): string[] {
  return uncapturedErrors.splice(0);
}

/**
 * Captures the console (error, warn, log, info) instead of printing it, until the test ends or
 * `stop` is called, so a test that expects an error can assert it was logged rather than print a
 * stack trace into every `npm test`.
 */
export function captureLogs(): CapturedLogs & { stop(): void } {
  const captured: Line[] = [];
  capturing = captured;
  const stop = () => {
    if (capturing === captured) capturing = undefined;
  };
  onTestFinished(stop);
  return {
    get lines() {
      return captured.map((line) => line.text);
    },
    errors: () => captured.filter((line) => isErrorLevel(line.method, line.text)).map((line) => line.text),
    events: () =>
      captured.flatMap((line) => (isErrorLevel(line.method, line.text) ? jsonObject(line.text) : [])),
    stop,
  };
}
