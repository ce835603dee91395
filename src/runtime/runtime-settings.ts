import { CorsOriginsError, parseCorsOrigins } from "./cors-origins.js";
import {
  booleanSetting,
  type Environment,
  InvalidSettingError,
  integerSetting,
  oneOfSetting,
} from "./setting-parsers.js";

export const RESPONSE_CHECK_MODES = ["enforce", "log", "off"] as const;
export type ResponseCheckMode = (typeof RESPONSE_CHECK_MODES)[number];

export const DEFAULT_MAX_INVOKE_DEPTH = 3;

/** What every Lambda function (and the local stage, which runs the same handlers) reads at start-up. */
export interface RuntimeSettings {
  /** `NODE_ENV=production`: quieter response checks, no migrations on first use, no local token mint. */
  production: boolean;
  /** `CELLAR_RESPONSE_VALIDATION`: `enforce` (a contract slip is a 500), `log` or `off`. */
  responseValidation: ResponseCheckMode;
  /** `CELLAR_MAX_INVOKE_DEPTH`: the recursion guard's limit. */
  maxInvokeDepth: number;
  /** `CORS_ORIGINS` (format: runtime/cors-origins.ts); empty means no cross-origin access. */
  corsOrigins: string[];
  /**
   * `CELLAR_MIGRATE_ON_START`: migrate on first use; by default everywhere but production. `false`
   * never migrates (a secondary region's replica refuses DDL), `true` migrates even in production.
   */
  migrateOnStart: boolean;
  /** `AWS_REGION`, set by Lambda; unset locally. */
  region: string | undefined;
}

export function readRuntimeSettings(env: Environment = process.env): RuntimeSettings {
  const production = env.NODE_ENV === "production";
  return {
    production,
    // In production a contract slip is logged rather than turned into an outage.
    responseValidation:
      oneOfSetting(env, "CELLAR_RESPONSE_VALIDATION", RESPONSE_CHECK_MODES) ??
      (production ? "log" : "enforce"),
    // 0 is allowed: it refuses every nested invocation.
    maxInvokeDepth: integerSetting(env, "CELLAR_MAX_INVOKE_DEPTH", { min: 0 }, DEFAULT_MAX_INVOKE_DEPTH),
    corsOrigins: corsOriginsSetting(env),
    migrateOnStart: booleanSetting(env, "CELLAR_MIGRATE_ON_START", !production),
    region: env.AWS_REGION?.trim() || undefined,
  };
}

function corsOriginsSetting(env: Environment): string[] {
  try {
    return parseCorsOrigins(env.CORS_ORIGINS);
  } catch (error) {
    if (!(error instanceof CorsOriginsError)) throw error;
    throw new InvalidSettingError("CORS_ORIGINS", `is not a list of origins: ${error.problems.join("; ")}`);
  }
}
