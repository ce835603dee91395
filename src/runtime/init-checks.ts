import type { Environment } from "./setting-parsers.js";

/** A check of the application's own settings (database, queues...), run as each operation is defined. */
export type SettingsCheck = (env: Environment) => void;

const checks = new Set<SettingsCheck>();

/**
 * The runtime reads only its own settings; an application adds the checks of its settings here, so
 * that a bad one fails the Lambda's init (while handlers are defined) rather than its first request.
 */
export function checkSettingsAtInit(check: SettingsCheck): void {
  checks.add(check);
}

export function runSettingsChecks(env: Environment): void {
  for (const check of checks) check(env);
}
