import { type Environment, integerSetting } from "@cellar/runtime";

/** What the migrations function (infra/lambda/migrate.handler.ts) reads from its environment. */
export interface MigrationSettings {
  /** Wait between attempts while the database is unreachable (a resuming instance, a new proxy target). */
  retryDelayMs: number;
}

export const MIGRATE_RETRY_MS_VARIABLE = "CELLAR_MIGRATE_RETRY_MS";
const DEFAULT_RETRY_DELAY_MS = 10_000;

export function readMigrationSettings(env: Environment = process.env): MigrationSettings {
  return {
    retryDelayMs: integerSetting(
      env,
      MIGRATE_RETRY_MS_VARIABLE,
      { min: 1, max: 60_000 },
      DEFAULT_RETRY_DELAY_MS,
    ),
  };
}
